//! `--headings auto`, round 2 (issue 17): question and exclamation headings, Sky News
//! `..` headings, France 24's long subheadings, and the related-story links they must not be
//! confused with. The rule is scored on real text by `tests/headings_ant.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tahlil::structure::is_auto_heading_in_context as is_h;

const BODY: &str =
    "قال المسؤول إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة بحضور جميع الأطراف المعنية بالأزمة.";
/// A paragraph about the cave rescue, for the long-heading rule (shares `الكهف`).
const CAVE: &str =
    "وتمكن الغواصون من إخراج جميع الفتية من الكهف بعد عملية إنقاذ استمرت ثلاثة أيام كاملة.";

#[test]
fn question_and_exclamation_headings() {
    for h in
        ["كيف بدأت الفضيحة؟", "من هم القتلى الروس؟", "الفيفا يرد!", "لوني تونز !", "ماذا بعد؟!"]
    {
        assert!(is_h(Some(BODY), h, Some(BODY)), "{h}");
    }
    // questions in the text: opened by a conjunction, or longer than 10 words
    for q in [
        "لكن، هل هي صحية؟",
        "ولماذا تأخر القرار؟",
        "هل يمكن أن تنجح المفاوضات بين الطرفين في الأسابيع المقبلة دون وسيط؟",
    ] {
        assert!(!is_h(Some(BODY), q, Some(BODY)), "{q}");
    }
    // a question before a paragraph that goes on with reported speech is a link
    let speech = "وأضاف المسؤول أن الوفد سيعود إلى العاصمة مساء اليوم بعد انتهاء الجولة الأولى.";
    assert!(!is_h(Some(BODY), "من هو الجاسوس الروسي؟", Some(speech)));
}

#[test]
fn ellipsis_joins_two_parts() {
    for h in ["عفرين.. وعودة داعش", "الكاريبي.. جنسيات \"سهلة\""] {
        assert!(is_h(Some(BODY), h, Some(BODY)), "{h}");
    }
    // a full stop inside still ends a sentence
    assert!(!is_h(Some(BODY), "انتهى الأمر. وعاد", Some(BODY)));
}

#[test]
fn long_headings_need_to_be_about_the_next_paragraph() {
    // 8 words, shares الكهف with the next paragraph, between two full paragraphs
    let h = "عملية معقدة لإخراج الفتية العالقين من الكهف المغمور";
    assert!(is_h(Some(BODY), h, Some(CAVE)));
    // the same line before an unrelated paragraph: a related-story link
    assert!(!is_h(Some(BODY), h, Some(BODY)));
    // nor after a line that is not a closed paragraph, nor at the start of the body
    assert!(!is_h(Some("سطر بلا نقطة في آخره يتحدث عن أمر ما"), h, Some(CAVE)));
    assert!(!is_h(None, h, Some(CAVE)));
    // 13 words: too long for a heading
    let long = "عملية معقدة لإخراج الفتية العالقين من الكهف المغمور بالمياه في شمال تايلاند اليوم";
    assert!(!is_h(Some(BODY), long, Some(CAVE)));
}

#[test]
fn one_to_three_words_before_a_shorter_paragraph() {
    // the next line has 8 words and no final stop (a spec sheet line)
    let next = "سعر الهاتف يبلغ 1049 درهما في متاجر الإمارات";
    assert!(is_h(Some(BODY), "السعر", Some(next)));
    assert!(!is_h(Some(BODY), "السعر المقترح للهاتف الجديد", Some(next)));
    // a link prefix is never a heading, nor a line that asks to click
    assert!(!is_h(Some(BODY), "لمتابعة التطورات اضغط هنا", Some(BODY)));
}
