//! The built-in lexicons on small inputs: homograph traps, proclitics, longest match, the
//! shared cases (06, 09, 13, 14), normalisation variants and presets.
//!
//! Text goes through the same path as in the tools: `structure::parse` → sentences →
//! `Pipeline::terms` (via `SentenceTokens`) → `Matcher::find`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tahlil::lexicon::{BuiltinOptions, Lexicon, Matcher, SentenceTokens, check_str};
use tahlil::structure::{self, StructureOptions};
use tahlil::text::{Pipeline, Preset, Scratch, TextOptions};

struct Setup {
    pipeline: Pipeline,
    matcher: Matcher,
}

fn setup_with(preset: Preset, opts: BuiltinOptions) -> Setup {
    let pipeline = Pipeline::new(&TextOptions { normalize: preset, ..Default::default() }).unwrap();
    let lex = Lexicon::builtin(&pipeline.normalizer, &opts).unwrap();
    let matcher = lex.matcher();
    Setup { pipeline, matcher }
}

fn setup() -> Setup {
    setup_with(Preset::Standard, BuiltinOptions::default())
}

/// One found mention: (id, surface text, sentence number, first token, end token, ambiguous).
type Found = (String, String, usize, usize, usize, bool);

fn mentions(s: &Setup, text: &str) -> Vec<Found> {
    let st = structure::parse(text, &StructureOptions::default());
    let mut scratch = Scratch::default();
    let mut toks = SentenceTokens::new();
    let mut ms = Vec::new();
    let mut out = Vec::new();
    let mut k = 0;
    for (_, p) in st.all_paragraphs() {
        for sent in &p.sentences {
            toks.fill(&s.pipeline, text, sent.clone(), &mut scratch);
            ms.clear();
            s.matcher.find(toks.tokens(), &mut ms);
            for m in &ms {
                out.push((
                    s.matcher.id(m.entry).to_string(),
                    text[toks.span_of(m)].to_string(),
                    k,
                    m.start,
                    m.end,
                    m.ambiguous,
                ));
            }
            k += 1;
        }
    }
    out
}

/// (id, surface, ambiguous) of every mention.
fn short(s: &Setup, text: &str) -> Vec<(String, String, bool)> {
    mentions(s, text).into_iter().map(|m| (m.0, m.1, m.5)).collect()
}

/// Ids of the unambiguous mentions.
fn counted(s: &Setup, text: &str) -> Vec<String> {
    mentions(s, text).into_iter().filter(|m| !m.5).map(|m| m.0).collect()
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn builtin_files_are_clean() {
    let n = tahlil::text::Normalizer::new(Preset::Standard);
    for (name, text) in tahlil::lexicon::BUILTIN_FILES {
        for p in check_str(text, name, &n) {
            // the only shared country patterns are the words for both Koreas
            let allowed = ["`الكوريتين`", "`الكوريتان`", "`شبه الجزيرة الكورية`"];
            assert!(
                allowed.iter().any(|a| p.message.starts_with(a)),
                "unexpected problem in {name}: {p}"
            );
        }
    }
    for preset in [Preset::None, Preset::Standard, Preset::Search] {
        let n = tahlil::text::Normalizer::new(preset);
        let lex =
            Lexicon::builtin(&n, &BuiltinOptions { capitals: true, ..Default::default() }).unwrap();
        let s = lex.summary();
        assert_eq!(s[0].entries, 250, "{preset:?}");
        assert!(s[1].entries >= 12 && s[2].entries >= 10);
    }
}

#[test]
fn every_iso_country_has_an_entry_and_labels() {
    let n = tahlil::text::Normalizer::new(Preset::Standard);
    let lex = Lexicon::builtin(&n, &BuiltinOptions::default()).unwrap();
    let countries: Vec<_> = lex.entries().iter().filter(|e| e.id.starts_with("country:")).collect();
    assert_eq!(countries.len(), 250);
    for e in countries {
        assert_eq!(e.id.len(), "country:".len() + 3, "{}", e.id);
        assert!(!e.label_ar.is_empty() && !e.label_en.is_empty(), "{}", e.id);
        assert!(!e.patterns.is_empty(), "{}", e.id);
    }
    for id in [
        "region:central-asia",
        "region:south-asia",
        "region:middle-east",
        "region:gulf",
        "region:levant",
        "region:maghreb",
        "region:north-africa",
        "region:europe",
        "region:africa",
        "region:asia",
        "region:latin-america",
        "region:southeast-asia",
        "theme:terrorism",
        "theme:cyber-security",
        "theme:drug-trafficking",
        "theme:defence",
        "theme:connectivity",
        "theme:trade",
        "theme:energy",
        "theme:diplomacy",
        "theme:technology",
        "theme:migration",
    ] {
        assert!(lex.find_id(id).is_some(), "{id}");
    }
}

#[test]
fn substrings_and_false_friends_are_not_countries() {
    let s = setup();
    // تركيز (focus) ≠ تركيا; ليبيريا ≠ ليبيا; ماليزيا, مالية ≠ مالي; الهندسة ≠ الهند;
    // المصرف ≠ مصر; القطر (the region) ≠ قطر; البوتان (butane) ≠ بوتان
    let text = "ركز التقرير على تركيز الهندسة في المصرف وعلى ليبيريا وماليزيا والسياسة المالية \
                والبوتان والقطر العربي.";
    assert_eq!(counted(&s, text), ids(&["country:LBR", "country:MYS"]));
    assert!(short(&s, text).iter().all(|m| !m.2), "nothing ambiguous either");
}

#[test]
fn names_starting_with_proclitic_letters_are_intact() {
    let s = setup();
    let text = "لبنان فلسطين بريطانيا فرنسا كندا ليبيا بلغاريا البرازيل الكويت";
    assert_eq!(
        counted(&s, text),
        ids(&[
            "country:LBN",
            "country:PSE",
            "country:GBR",
            "country:FRA",
            "country:CAN",
            "country:LBY",
            "country:BGR",
            "country:BRA",
            "country:KWT"
        ])
    );
}

#[test]
fn proclitics_are_stripped_when_the_remainder_is_an_entry() {
    let s = setup();
    let text = "والعراق بمصر للكويت وبالهند والهندية ولبنان فللبنان ولليبيا كالصين وإيران \
                بالمملكة العربية السعودية والولايات المتحدة";
    let got: Vec<(String, String)> =
        short(&s, text).into_iter().map(|(id, form, _)| (id, form)).collect();
    let expected = [
        ("country:IRQ", "والعراق"),
        ("country:EGY", "بمصر"),
        ("country:KWT", "للكويت"),
        ("country:IND", "وبالهند"),
        ("country:IND", "والهندية"),
        ("country:LBN", "ولبنان"),
        ("country:LBN", "فللبنان"),
        ("country:LBY", "ولليبيا"),
        ("country:CHN", "كالصين"),
        ("country:IRN", "وإيران"),
        ("country:SAU", "بالمملكة العربية السعودية"),
        ("country:USA", "والولايات المتحدة"),
    ];
    let expected: Vec<(String, String)> =
        expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(got, expected);
}

#[test]
fn longest_match_wins() {
    let s = setup();
    let text = "زار الوفد جنوب آسيا ثم جنوب أفريقيا ثم آسيا الوسطى ثم جنوب شرق آسيا ثم آسيا.";
    assert_eq!(
        counted(&s, text),
        ids(&[
            "region:south-asia",
            "country:ZAF",
            "region:central-asia",
            "region:southeast-asia",
            "region:asia"
        ])
    );
    let text = "وقعت كوريا الجنوبية وكوريا الشمالية والمملكة المتحدة والإمارات العربية المتحدة \
                وجمهورية الكونغو الديمقراطية وسري لانكا وبوركينا فاسو والرأس الأخضر والجبل الأسود.";
    assert_eq!(
        counted(&s, text),
        ids(&[
            "country:KOR",
            "country:PRK",
            "country:GBR",
            "country:ARE",
            "country:COD",
            "country:LKA",
            "country:BFA",
            "country:CPV",
            "country:MNE"
        ])
    );
    // the region and the country inside a longer name
    let text = "المغرب العربي والمغرب. الاتحاد الأوروبي وأوروبا.";
    assert_eq!(
        counted(&s, text),
        ids(&["region:maghreb", "country:MAR", "region:eu", "region:europe"])
    );
}

#[test]
fn demonyms_of_many_forms() {
    let s = setup();
    let text = "الهندي الهندية الهنود المصري المصرية المصريون المصريين السوري السوريون الأمريكي \
                الأميركية الروسي الإيراني مصريين سورية أمريكيون";
    let got = counted(&s, text);
    let expected = [
        "country:IND",
        "country:IND",
        "country:IND",
        "country:EGY",
        "country:EGY",
        "country:EGY",
        "country:EGY",
        "country:SYR",
        "country:SYR",
        "country:USA",
        "country:USA",
        "country:RUS",
        "country:IRN",
        "country:EGY",
        "country:SYR",
        "country:USA",
    ];
    assert_eq!(got, ids(&expected));
    // spelling variants
    let text = "أمريكا أميركا بنغلاديش بنجلاديش موريتانيا موريطانيا ماليزيا";
    assert_eq!(
        counted(&s, text),
        ids(&[
            "country:USA",
            "country:USA",
            "country:BGD",
            "country:BGD",
            "country:MRT",
            "country:MRT",
            "country:MYS"
        ])
    );
    // personal names that look like demonyms are not counted
    assert!(counted(&s, "قال تركي آل الشيخ ومدرب الهلال جورجي جيسوس").is_empty());
}

#[test]
fn mali_and_amman_homographs() {
    let s = setup();
    // financial, not Mali
    let text = "قدمت الحكومة دعم مالي كبير وفساد مالي.";
    let got = short(&s, text);
    assert_eq!(
        got,
        [
            ("country:MLI".to_string(), "مالي".to_string(), true),
            ("country:MLI".to_string(), "مالي".to_string(), true)
        ]
    );
    // context rules and coordination resolve it
    let text = "قتل جنود في مالي. وقالت حكومة مالي ذلك. وانتشرت القوات في النيجر ومالي. \
                زار جمهورية مالي.";
    assert_eq!(
        counted(&s, text),
        ids(&[
            "theme:defence",
            "country:MLI",
            "country:MLI",
            "country:NER",
            "country:MLI",
            "country:MLI"
        ])
    );
    // مالية, المالي: never Mali
    assert!(mentions(&s, "الأزمة المالية والوضع المالي").iter().all(|m| m.0 != "country:MLI"));
    // عمان: Amman or Oman
    let text = "وصل الوزير إلى عمان. قادما من سلطنة عمان. وزار العاصمة الأردنية عمان. \
                وتشمل القائمة الكويت وعمان.";
    assert_eq!(
        short(&s, text),
        [
            ("country:OMN".to_string(), "عمان".to_string(), true),
            ("country:OMN".to_string(), "سلطنة عمان".to_string(), false),
            ("country:JOR".to_string(), "الأردنية".to_string(), false),
            ("country:KWT".to_string(), "الكويت".to_string(), false),
            ("country:OMN".to_string(), "وعمان".to_string(), false),
        ]
    );
}

#[test]
fn other_homograph_rules() {
    let s = setup();
    assert_eq!(counted(&s, "بعد صلاة المغرب في المغرب"), ids(&["country:MAR"]));
    // the US state (الأمريكية itself is a mention of the US)
    assert_eq!(
        counted(&s, "في ولاية جورجيا الأمريكية وفي جورجيا"),
        ids(&["country:USA", "country:GEO"])
    );
    assert!(counted(&s, "في ولاية جورجيا").is_empty());
    assert_eq!(counted(&s, "قصة بني إسرائيل وإسرائيل"), ids(&["country:ISR"]));
    assert!(counted(&s, "في المحيط الهندي").is_empty());
    assert_eq!(counted(&s, "زراعة القنب الهندي"), ids(&["theme:drug-trafficking"]));
    assert!(counted(&s, "نصف قطر الدائرة").is_empty());
    // both Koreas: ambiguous alone, counted for both when both are meant
    let m = short(&s, "زار كوريا");
    assert_eq!(m.len(), 2);
    assert!(m.iter().all(|x| x.2));
    assert_eq!(counted(&s, "قمة الكوريتين"), ids(&["country:KOR", "country:PRK"]));
    // الكونغو alone: both Congos, ambiguous
    let m = short(&s, "في الكونغو");
    assert_eq!(
        m.iter().map(|x| (x.0.as_str(), x.2)).collect::<Vec<_>>(),
        [("country:COD", true), ("country:COG", true)]
    );
    // whole-word exceptions
    assert!(counted(&s, "بطاقة حمراء للاعب كلاوس").is_empty());
}

#[test]
fn case_06_bidi_controls() {
    let s = setup();
    let text = "\u{200F}مصر مصر\u{200F} \u{061C}مصر \u{2067}مصر بلغ 12\u{202A}.5\n";
    assert_eq!(counted(&s, text), ids(&["country:EGY"; 4]));
}

#[test]
fn case_09_attached_clitics() {
    let s = setup();
    let text = "زرت مصر ومصر بمصر لمصر ثم المصرف\n";
    let got: Vec<(String, usize, usize)> =
        mentions(&s, text).into_iter().map(|m| (m.0, m.3, m.4)).collect();
    // tokens 2 to 5 (1-based) = indices 1..=4
    let expected: Vec<(String, usize, usize)> =
        (1..5).map(|i| ("country:EGY".to_string(), i, i + 1)).collect();
    assert_eq!(got, expected);
}

#[test]
fn case_13_line_endings_and_whitespace() {
    let s = setup();
    let text = "مصر\r\nتونس\rليبيا\u{00A0}الجزائر\tالمغرب\r\n\r\nقسم ثان";
    let mut got = counted(&s, text);
    got.sort();
    assert_eq!(
        got,
        ids(&["country:DZA", "country:EGY", "country:LBY", "country:MAR", "country:TUN"])
    );
    let lf = "مصر\nتونس\nليبيا\u{00A0}الجزائر\tالمغرب\n\nقسم ثان";
    let mut got_lf = counted(&s, lf);
    got_lf.sort();
    assert_eq!(got, got_lf);
}

#[test]
fn case_14_hashtag_url_email() {
    let s = setup();
    let text = "#مصر_تنتصر https://example.com/مصر?x=1 info@example.org الـBBC بـ2025\n";
    assert_eq!(short(&s, text), [("country:EGY".to_string(), "مصر".to_string(), false)]);
}

#[test]
fn normalisation_variants_match_after_the_pipeline() {
    let s = setup();
    let variants = [
        "الْهِنْدُ",                                    // diacritics
        "الهـــند",                                 // tatweel
        "\u{200F}الهند\u{200E}",                    // bidi controls
        "ال\u{200D}هند",                            // ZWJ inside
        "\u{FE8D}\u{FEDF}\u{FEEC}\u{FEE8}\u{FEAA}", // presentation forms ﺍﻟﻬﻨﺪ
        "وبالهِنْد",                                  // clitics + diacritics
    ];
    for v in variants {
        assert_eq!(counted(&s, v), ids(&["country:IND"]), "{v:?}");
    }
    // hamza and alef forms fold under `standard`
    assert_eq!(counted(&s, "ايران إيران أيران"), ids(&["country:IRN"; 3]));
}

#[test]
fn presets_none_and_search() {
    // none: patterns match as written (NFC), diacritised text does not match
    let s = setup_with(Preset::None, BuiltinOptions::default());
    assert_eq!(
        counted(&s, "الهند والهند إيران ايران"),
        ids(&["country:IND", "country:IND", "country:IRN", "country:IRN"])
    );
    assert!(counted(&s, "الْهِنْدُ").is_empty());
    // search: ة → ه and ى → ي on both sides
    let s = setup_with(Preset::Search, BuiltinOptions::default());
    assert_eq!(
        counted(&s, "السعوديه السعودية آسيا الوسطي"),
        ids(&["country:SAU", "country:SAU", "region:central-asia"])
    );
}

#[test]
fn capitals_are_opt_in() {
    let text = "قالت واشنطن إن موسكو وطهران ترفضان. ونشرت واشنطن بوست الخبر.";
    let off = setup();
    assert!(counted(&off, text).is_empty());
    let on = setup_with(Preset::Standard, BuiltinOptions { capitals: true, ..Default::default() });
    assert_eq!(counted(&on, text), ids(&["country:USA", "country:RUS", "country:IRN"]));
    // with capitals, عمان in a Jordanian context is Amman
    assert_eq!(
        short(&on, "العاصمة الأردنية عمان"),
        [
            ("country:JOR".to_string(), "الأردنية".to_string(), false),
            ("country:JOR".to_string(), "عمان".to_string(), false)
        ]
    );
}

#[test]
fn kinds_can_be_turned_off() {
    let only_countries = setup_with(
        Preset::Standard,
        BuiltinOptions { regions: false, themes: false, ..Default::default() },
    );
    let text = "الإرهاب في الشرق الأوسط ومصر";
    assert_eq!(counted(&only_countries, text), ids(&["country:EGY"]));
    let all = setup();
    assert_eq!(counted(&all, text), ids(&["theme:terrorism", "region:middle-east", "country:EGY"]));
}

#[test]
fn themes_on_small_inputs() {
    let s = setup();
    let cases: &[(&str, &[&str])] = &[
        ("تواصل مكافحة الإرهاب والتطرف العنيف", &["theme:terrorism", "theme:terrorism"]),
        (
            "تصاعدت الهجمات الإلكترونية والأمن السيبراني",
            &["theme:cyber-security", "theme:cyber-security"],
        ),
        ("ضبط شحنة مخدرات وتهريب المخدرات", &["theme:drug-trafficking", "theme:drug-trafficking"]),
        ("مناورات عسكرية للجيش", &["theme:defence", "theme:defence", "theme:defence"]),
        ("ممر النقل والسكك الحديدية", &["theme:connectivity", "theme:connectivity"]),
        ("ارتفعت الصادرات والتجارة", &["theme:trade", "theme:trade"]),
        ("أسعار النفط والغاز الطبيعي", &["theme:energy", "theme:energy"]),
        ("محادثات وزير الخارجية", &["theme:diplomacy", "theme:diplomacy"]),
        ("الذكاء الاصطناعي والتكنولوجيا", &["theme:technology", "theme:technology"]),
        (
            "اللاجئين والمهاجرين وطالبي اللجوء",
            &["theme:migration", "theme:migration", "theme:migration"],
        ),
        // false friends
        ("أطلقت الشرطة الغاز المسيل للدموع", &[]),
        ("اللجوء إلى القوة", &[]),
        ("نتائج التجارب السريرية", &[]),
        ("أظهر بطاقة حمراء", &[]),
        ("سجل رقمين قياسيين", &[]),
    ];
    for (text, expected) in cases {
        assert_eq!(counted(&s, text), ids(expected), "{text}");
    }
}

#[test]
fn golden_small_article() {
    let s = setup();
    let text = "\
قمة في طهران حول الأمن الإقليمي
اجتمع وزراء خارجية إيران وتركيا وروسيا في طهران. وبحث الوزراء الوضع في سوريا والعراق \
ومكافحة الإرهاب. وقال الوزير الروسي إن بلاده ستواصل التعاون مع الصين والهند.
وفي الخليج، أعربت السعودية والإمارات عن قلقهما من الهجمات الإلكترونية على منشآت النفط.";
    let got: Vec<(String, String, usize)> =
        mentions(&s, text).into_iter().map(|m| (m.0, m.1, m.2)).collect();
    let expected = [
        ("country:IRN", "إيران", 1),
        ("country:TUR", "وتركيا", 1),
        ("country:RUS", "وروسيا", 1),
        ("country:SYR", "سوريا", 2),
        ("country:IRQ", "والعراق", 2),
        ("theme:terrorism", "الإرهاب", 2),
        ("country:RUS", "الروسي", 3),
        ("theme:diplomacy", "التعاون", 3),
        ("country:CHN", "الصين", 3),
        ("country:IND", "والهند", 3),
        ("region:gulf", "الخليج", 4),
        ("country:SAU", "السعودية", 4),
        ("country:ARE", "والإمارات", 4),
        ("theme:cyber-security", "الهجمات الإلكترونية", 4),
        ("theme:energy", "النفط", 4),
    ];
    let expected: Vec<(String, String, usize)> =
        expected.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), *c)).collect();
    assert_eq!(got, expected);
}
