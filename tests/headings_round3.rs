//! `--headings auto`, round 3 (issue 17): colon labels, `NAME - ROLE` series (vox-pops),
//! long statements that must be about the paragraph after them (BBC's related-story links),
//! CNN's `أيضاً..` links. Scored on real text by `tests/headings_ant.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tahlil::structure::{StructureOptions, is_auto_heading_in_context as is_h, parse};

const BODY: &str =
    "قال المسؤول إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة بحضور جميع الأطراف المعنية بالأزمة.";

/// Heading line numbers of `text` parsed with a title field (the body starts at line 1).
fn heading_lines(text: &str) -> Vec<usize> {
    let opts = StructureOptions { has_title_field: true, ..Default::default() };
    parse(text, &opts).sections.iter().filter_map(|s| s.heading.as_ref().map(|h| h.line)).collect()
}

#[test]
fn colon_labels_title_what_follows() {
    // 1–3 words ending in a colon, before a paragraph, a short closing line or a list item
    for h in ["كلمة أخيرة:", "حول بيت.كوم:", "مصر:", "الأراضي الفلسطينية:", "سيرتها الذاتية:"]
    {
        assert!(is_h(Some(BODY), h, Some(BODY)), "{h}");
        assert!(is_h(Some("3-لوكا مودريتش"), h, Some("الكابتن عصام الحضري")), "{h} in a list");
    }
    for line in [
        // lead-ins: opened by a conjunction, or announcing what follows
        "وأضاف:",
        "وتشمل التهم:",
        "الخطوات التالية:",
        "كما يلي:",
        // link blocks, sources, four words or more, a colon inside
        "اقرأ أيضاً:",
        "قصص ذات صلة:",
        "المصدر:",
        "عليك اتباع الخطوات التالية:",
        "ترامب: مستعد:",
        // bullets
        "*المجموعة الأولى:",
    ] {
        assert!(!is_h(Some(BODY), line, Some(BODY)), "{line}");
    }
    // before another colon line or a credit line, or at the end: not a heading
    assert!(!is_h(Some(BODY), "مزاياه:", Some("المزايا:")));
    assert!(!is_h(Some(BODY), "فريق العمل:", Some("رنا طه : بي بي سي/ فريق المتابعة الإعلامية")));
    assert!(!is_h(Some(BODY), "كلمة أخيرة:", None));
}

#[test]
fn name_role_series_are_headings() {
    // a vox-pop (AL-culture-329-20180507, shortened): each NAME - ROLE line before a
    // paragraph of at least 13 words; three such lines make a series
    let text = "معتز التلا - ممثل سوري\n\
        أفكر في كثير من الخيارات لكن ما يهمني من الزمن الذي كنت سأعيش فيه هو الفن والسينما.\n\
        بسمة الصغير - كاتبة وسيناريست سعودية\n\
        كنت لأختار عصر بيكاسو في الثلث الأول من القرن العشرين زمن التجارب الكبرى في الفن.\n\
        دنيا الشطيري ـ مبرمجة معلومات سعودية\n\
        لطالما حلمت بأن أعيش في مصر الفرعونية إذ ثمة جاذبية غامضة لتلك الحقبة من التاريخ.\n";
    assert_eq!(heading_lines(text), vec![1, 3, 5]);
    // one such line is a dateline or byline, not a heading
    let one = "لندن - بي بي سي\n\
        أفكر في كثير من الخيارات لكن ما يهمني من الزمن الذي كنت سأعيش فيه هو الفن والسينما.\n\
        كنت لأختار عصر بيكاسو في الثلث الأول من القرن العشرين زمن التجارب الكبرى في الفن.\n";
    assert!(heading_lines(one).is_empty());
    // two such lines before short lines (a list of names) are not a series
    let list = "معتز التلا - ممثل سوري\nسطر قصير\nبسمة الصغير - كاتبة سعودية\nسطر آخر\n";
    assert!(heading_lines(list).is_empty());
}

#[test]
fn long_statements_must_be_about_the_next_paragraph() {
    let prev = "وأكد المتحدث أن الاجتماع المقبل سيعقد في موعده المحدد رغم الخلافات القائمة.";
    // BB-internationalNews-123-20180310: a related-story link sharing one name (ترامب) of
    // its 11 content words with the paragraph after it (1/11 < 0.3)
    let link = "ترامب يقبل دعوة كيم جونغ أون زعيم كوريا الشمالية للقاء مباشر";
    let next =
        "وقد يعتبر البعض أن دعوته الشخصية لترامب لإجراء محادثات فضلا عن وقف التجارب خطوة مهمة.";
    assert!(!is_h(Some(prev), link, Some(next)));
    // a France 24 subheading repeating 5 of its 7 content words (موسكو تستبعد هجوم إدلب الوقت;
    // not واسع الحاضر): 5/7 ≥ 0.3
    let head = "موسكو تستبعد شن هجوم واسع على إدلب في الوقت الحاضر";
    let about = "تستبعد موسكو شن أي هجوم على محافظة إدلب في الوقت الراهن بحسب ما أعلن المتحدث باسم الكرملين.";
    assert!(is_h(Some(prev), head, Some(about)));
    // the same line before a paragraph sharing only إدلب (1/7): a link
    let other =
        "وتشهد محافظة إدلب منذ أيام نزوحا واسعا للمدنيين نحو الحدود التركية وسط ظروف إنسانية صعبة.";
    assert!(!is_h(Some(prev), head, Some(other)));
    // CNN's `أيضاً..` teaser is a link whatever follows
    assert!(!is_h(Some(prev), "أيضاً.. ترامب يجمد مساعدات لسوريا", Some(BODY)));
}
