//! Document structure: the sample article, and the `auto` heading rule on news-like
//! inputs (subheadings, verse, datelines, bylines, dates, related-story links, lists).

use tahlil::structure::{
    HeadingMode, StructureOptions, is_auto_heading_in_context, is_dateline_or_byline, parse,
};

const SAMPLE: &str = include_str!("../data/corpus/india-central-asia.txt");

#[test]
fn sample_article_sections() {
    let s = parse(SAMPLE, &StructureOptions::default());
    let first_line = SAMPLE.lines().next().unwrap_or_default();
    assert_eq!(s.title.as_ref().map(|p| &SAMPLE[p.span.clone()]), Some(first_line));
    let headings: Vec<Option<&str>> =
        s.sections.iter().map(|s| s.heading.as_ref().map(|h| &SAMPLE[h.span.clone()])).collect();
    assert_eq!(
        headings,
        [
            None,
            Some("البنية التحتية الرقمية تُشكل أساس التنمية"),
            Some("الالتزامات بمكافحة الإرهاب والجرائم الإلكترونية"),
        ]
    );
    let paragraphs: Vec<usize> = s.sections.iter().map(|s| s.paragraphs.len()).collect();
    assert_eq!(paragraphs, [3, 2, 1]);
    // every paragraph has sentences, the last paragraph has no final mark but 3 sentences
    assert!(s.sections.iter().flat_map(|s| &s.paragraphs).all(|p| !p.sentences.is_empty()));
    assert_eq!(s.sections[2].paragraphs[0].sentences.len(), 3);
    // markdown mode: no headings, one section
    let m =
        parse(SAMPLE, &StructureOptions { headings: HeadingMode::Markdown, ..Default::default() });
    assert_eq!(m.sections.len(), 1);
    assert_eq!(m.sections[0].paragraphs.len(), 8);
}

const BODY: &str =
    "قال المسؤول إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة بحضور جميع الأطراف المعنية بالأزمة.";

fn is_h(prev: Option<&str>, line: &str, next: Option<&str>) -> bool {
    is_auto_heading_in_context(prev, line, next)
}

#[test]
fn subheadings_between_paragraphs() {
    for h in [
        "عراقيل جمة",
        "\"معاناة صامتة\"",
        "حل أوروبي مشترك لأزمة الهجرة",
        "5- ميزة الوضع السري Confidential Mode",
        "2. اطلب توضيحا للسؤال",
        "II ـ المنهار يجب أن ينهار",
    ] {
        assert!(is_h(Some(BODY), h, Some(BODY)), "{h}");
        assert!(is_h(None, h, Some(BODY)), "{h} at the start of the body");
    }
    // no body paragraph after it: not a heading
    assert!(!is_h(Some(BODY), "عراقيل جمة", None));
    assert!(!is_h(Some(BODY), "عراقيل جمة", Some("سطر قصير آخر")));
}

#[test]
fn not_headings() {
    for line in [
        // sentence ends, colons, trailing comma
        "انتهى الاجتماع.",
        // a question opened by a conjunction is text (a question heading: headings_ant.rs)
        "لكن، ماذا حدث في القمة؟",
        // a lead-in ending in a colon (a colon label such as `الكويت:` is a heading:
        // tests/headings_round3.rs)
        "وأضاف:",
        "ترامب: مستعد للقاء المحقق",
        "الناشر: دار العربي للنشر، 2017",
        // related-story links and teasers (7+ words, or teaser prefixes, or "|")
        "ميلانيا ترامب في المستشفى بعد جراحة في الكلى",
        "اقرأ أيضا: الجيش يعلن سيطرته",
        "شاهد تجربتنا للجهاز",
        "قد يهمك| مقال عن الاقتصاد",
        // datelines, bylines, source notes, dates
        "لندن - بي بي سي",
        "أبوظبي - سكاي نيوز عربية",
        "دنيا الشطيري ـ مبرمجة معلومات سعودية",
        "بقلم محمد علي",
        "*نقلا عن الأهرام المصرية",
        "8 أكتوبر",
        "الأحد 14 فبراير/شباط 2018",
        "1.1.2020",
        // lists, dialogue, numbers, separators
        "- البند الأول",
        "• البند الثاني",
        "«2»",
        "FHD+ 2220×1080 HD+ 1480×729",
        "------",
    ] {
        assert!(!is_h(Some(BODY), line, Some(BODY)), "{line}");
    }
}

#[test]
fn datelines_and_dates() {
    assert!(is_dateline_or_byline("لندن - بي بي سي"));
    assert!(is_dateline_or_byline("دبي – العربية.نت"));
    assert!(is_dateline_or_byline("12/3/2018"));
    assert!(is_dateline_or_byline("الخميس 3 مايو 2018"));
    assert!(!is_dateline_or_byline("البرازيل 2014"));
    assert!(!is_dateline_or_byline("3 - الاتفاق النووي"));
    assert!(!is_dateline_or_byline("سبل الوقاية"));
}

/// Verse quoted line by line (Al Arabiya, CNN): the last line before the prose is a short
/// line after short lines, not a heading; neither are the others.
#[test]
fn verse_is_not_headings() {
    let text = "رثى الشاعر المدينة في قصيدة طويلة نشرها أمس على حسابه وقال فيها ما يلي من الأبيات المؤثرة:\n\
يا ليتهم من عرين الليث ما انحدروا\n\
أفلسوا بالدار لأن الأفكار مفلسة\n\
والشعب يلعنهم وحتى الصخر والشجر\n\
وقد لاقت القصيدة انتشارا واسعا بين المتابعين على مواقع التواصل الاجتماعي خلال الساعات الماضية.\n";
    let s = parse(text, &StructureOptions { has_title_field: true, ..Default::default() });
    assert_eq!(
        s.sections.len(),
        1,
        "{:?}",
        s.sections.iter().map(|x| x.heading.clone()).collect::<Vec<_>>()
    );
    assert!(s.sections[0].heading.is_none());
    assert_eq!(s.sections[0].paragraphs.len(), 5);
}

/// A block of related-story links between paragraphs (BBC): none is a heading.
#[test]
fn link_blocks_are_not_headings() {
    let text = format!(
        "{BODY}\nتركيا تنتقد رسائل واشنطن المتضاربة\nقمة أنقرة: مناطق خفض التصعيد أم تقسيم النفوذ في سوريا؟\nالجيش يشن عملية في سيناء\n{BODY}\n"
    );
    let s = parse(&text, &StructureOptions { has_title_field: true, ..Default::default() });
    assert_eq!(s.sections.len(), 1);
    assert_eq!(s.sections[0].paragraphs.len(), 5);
}

/// A ranked list (`1-…` `2-…`) is text, not headings.
#[test]
fn ranked_lists_are_not_headings() {
    let text = format!("{BODY}\n1-كيليان مبابي\n2-محمد صلاح\n3-لوكا مودريتش\n{BODY}\n");
    let s = parse(&text, &StructureOptions { has_title_field: true, ..Default::default() });
    assert_eq!(s.sections.len(), 1);
}
