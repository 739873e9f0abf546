//! The shared failure cases (`../shared/cases`, copied byte for byte into
//! `tests/fixtures/cases`), one test per expected result. Expected values come from each
//! case's `.md`; the code-point columns are checked where a look-alike could fool the eye.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

fn assert_clean(run: &Run) {
    assert!(!run.stdout.contains("NaN") && !run.stdout.contains("inf"), "{}", run.stdout);
    assert!(!run.stdout.contains('\r'), "CR on stdout");
}

#[test]
fn case01_tashkeel_standard() {
    let (run, v) = stats_json("standard", &["01-tashkeel-in-words.input"], &[]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr_lines(), 0, "{}", run.stderr);
    assert_eq!(v["corpus"]["tokens"], 6);
    assert_eq!(v["corpus"]["types"], 3);
    assert_eq!(terms(&v), pairs(&[("الدرس", 2), ("الطالب", 2), ("كتب", 2)]));
    let cps: Vec<String> = terms(&v).iter().map(|(t, _)| code_points(t)).collect();
    assert_eq!(
        cps,
        ["0627 0644 062F 0631 0633", "0627 0644 0637 0627 0644 0628", "0643 062A 0628"]
    );
    for (t, _) in terms(&v) {
        assert!(!t.chars().any(|c| ('\u{064B}'..='\u{065F}').contains(&c)), "{t}");
    }
}

#[test]
fn case01_tashkeel_none_keeps_marks_in_one_token() {
    let (run, v) = stats_json("none", &["01-tashkeel-in-words.input"], &[]);
    assert_eq!(run.code, 0);
    assert_eq!(v["corpus"]["tokens"], 6);
    assert_eq!(v["corpus"]["types"], 6);
    let cps: Vec<String> = terms(&v).iter().map(|(t, _)| code_points(t)).collect();
    assert_eq!(
        cps,
        [
            "0627 0644 062F 0631 0633",
            "0627 0644 062F 064E 0651 0631 0652 0633 064E",
            "0627 0644 0637 0627 0644 0628",
            "0627 0644 0637 064E 0651 0627 0644 0650 0628 064F",
            "0643 062A 0628",
            "0643 064E 062A 064E 0628 064E",
        ]
    );
}

#[test]
fn case02_tatweel() {
    let (run, v) = stats_json("standard", &["02-tatweel.input"], &[]);
    assert_eq!((run.code, run.stderr_lines()), (0, 0), "{}", run.stderr);
    assert_eq!(v["corpus"]["tokens"], 3);
    assert_eq!(terms(&v), pairs(&[("جميل", 3)]));
    assert!(!run.stdout.contains('\u{0640}'));
}

#[test]
fn case03_nfc_nfd_all_presets() {
    let (_, v) = stats_json("standard", &["03-nfc-nfd-hamza-madda.input"], &[]);
    assert_eq!(v["corpus"]["tokens"], 4);
    assert_eq!(terms(&v), pairs(&[("القران", 2), ("مؤتمر", 2)]));
    assert_eq!(code_points(&terms(&v)[1].0), "0645 0624 062A 0645 0631");
    let (_, v) = stats_json("none", &["03-nfc-nfd-hamza-madda.input"], &[]);
    assert_eq!(terms(&v), pairs(&[("القرآن", 2), ("مؤتمر", 2)]));
    assert_eq!(code_points(&terms(&v)[0].0), "0627 0644 0642 0631 0622 0646");
    let (_, v) = stats_json("search", &["03-nfc-nfd-hamza-madda.input"], &[]);
    assert_eq!(terms(&v), pairs(&[("القران", 2), ("موتمر", 2)]));
}

#[test]
fn case03_mark_order() {
    let (_, v) = stats_json("none", &["03-nfc-nfd-hamza-madda.mark-order.input"], &[]);
    assert_eq!(v["corpus"]["types"], 1);
    assert_eq!(code_points(&terms(&v)[0].0), "0627 0644 0637 064E 0651 0627 0644 0628");
    assert_eq!(terms(&v)[0].1, 2);
    let (_, v) = stats_json("standard", &["03-nfc-nfd-hamza-madda.mark-order.input"], &[]);
    assert_eq!(terms(&v), pairs(&[("الطالب", 2)]));
}

#[test]
fn case04_persian_urdu_lookalikes() {
    let (run, v) = stats_json("standard", &["04-persian-urdu-lookalikes.input"], &[]);
    assert_eq!((run.code, run.stderr_lines()), (0, 0));
    assert_eq!(v["corpus"]["tokens"], 8);
    assert_eq!(terms(&v), pairs(&[("في", 2), ("مدينة", 2), ("مكتب", 2), ("هذه", 2)]));
    for c in ['\u{06A9}', '\u{06CC}', '\u{06C3}', '\u{06C1}'] {
        assert!(!run.stdout.contains(c));
    }
}

#[test]
fn case05_presentation_forms_and_visual_order() {
    let (run, v) = stats_json("standard", &["05-presentation-forms.input"], &[]);
    assert_eq!(run.code, 0);
    // one warning, naming the file and line 2
    assert_eq!(run.stderr_lines(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("05-presentation-forms.input") && run.stderr.contains("line 2"));
    assert_eq!(v["corpus"]["tokens"], 4);
    assert_eq!(v["corpus"]["types"], 3);
    assert_eq!(terms(&v), pairs(&[("مدرسة", 2), ("الله", 1), ("لا", 1)]));
    assert!(!run.stdout.contains("ةسردم"));
    assert!(
        !run.stdout.chars().any(|c| matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}'))
    );
}

#[test]
fn case05_visual_lines_keep_counts_with_warning() {
    let (run, v) =
        stats_json("standard", &["05-presentation-forms.input"], &["--visual-lines", "keep"]);
    assert_eq!(run.stderr_lines(), 1);
    assert_eq!(v["corpus"]["tokens"], 5);
    assert!(terms(&v).contains(&("ةسردم".to_string(), 1)));
}

#[test]
fn case05_fold_order() {
    let (run, v) = stats_json("standard", &["05-presentation-forms.fold-order.input"], &[]);
    assert_eq!((run.code, run.stderr_lines()), (0, 0), "{}", run.stderr);
    assert_eq!(terms(&v), pairs(&[("في", 1), ("كتب", 1)]));
}

#[test]
fn case06_bidi_controls() {
    let (run, v) = stats_json("standard", &["06-bidi-controls.input"], &[]);
    assert_eq!((run.code, run.stderr_lines()), (0, 0));
    assert_eq!(v["corpus"]["tokens"], 6);
    assert_eq!(terms(&v), pairs(&[("مصر", 4), ("12.5", 1), ("بلغ", 1)]));
    for c in run.stdout.chars() {
        assert!(
            !matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        );
    }
}

#[test]
fn case07_digits() {
    let (run, v) = stats_json("standard", &["07-digit-sets-and-separators.input"], &[]);
    assert_eq!((run.code, run.stderr_lines()), (0, 0));
    assert_eq!(v["corpus"]["tokens"], 9);
    assert_eq!(terms(&v), pairs(&[("2025", 3), ("سنة", 3), ("12500", 1), ("3.5", 1), ("نسبة", 1)]));
    assert!(!run.stdout.contains('٪'));
    let (_, v) = stats_json("standard", &["07-digit-sets-and-separators.input"], &["--no-numbers"]);
    assert_eq!(v["corpus"]["tokens"], 4);
    assert_eq!(terms(&v), pairs(&[("سنة", 3), ("نسبة", 1)]));
}

#[test]
fn case08_sentence_ends_in_stats() {
    let (run, v) = stats_json("standard", &["08-arabic-sentence-ends.input"], &[]);
    assert_eq!((run.code, run.stderr_lines()), (0, 0));
    assert_eq!(v["corpus"]["tokens"], 11);
    assert_eq!(v["corpus"]["types"], 11);
    assert_eq!(v["corpus"]["sentences"], 5);
    let (_, v) = stats_json("standard", &["08-arabic-sentence-ends.full-stop-06d4.input"], &[]);
    assert_eq!(v["corpus"]["sentences"], 2);
}

#[test]
fn case08_bigrams_never_cross_sentence_ends() {
    // "هل زرت مصر؟ نعم زرتها." : bigrams هل زرت, زرت مصر, نعم زرتها — never "مصر نعم"
    let (_, v) = stats_json("standard", &["08-arabic-sentence-ends.input"], &["--ngram", "2"]);
    let t: Vec<String> = terms(&v).into_iter().map(|(t, _)| t).collect();
    assert!(t.contains(&"زرت مصر".to_string()));
    assert!(!t.contains(&"مصر نعم".to_string()));
    assert!(!t.contains(&"حقا طبعا".to_string()));
}

#[test]
fn case09_clitics_stats_and_segmentation() {
    let (run, v) = stats_json("standard", &["09-attached-clitics.input"], &[]);
    assert_eq!((run.code, run.stderr_lines()), (0, 0));
    assert_eq!(v["corpus"]["tokens"], 7);
    assert_eq!(v["corpus"]["types"], 7);
    // with corpus-aware segmentation: مصر is attested as often as ومصر, بمصر, لمصر → مصر 4;
    // المصرف stays whole because مصرف is not attested.
    let (_, v) =
        stats_json("standard", &["09-attached-clitics.input"], &["--segment", "proclitics"]);
    let t = terms(&v);
    assert_eq!(t[0], ("مصر".to_string(), 4));
    assert!(t.contains(&("المصرف".to_string(), 1)));
    assert_eq!(v["options"]["segment"], "proclitics");
}

#[test]
fn case10_stopword_list_normalised_like_text() {
    let (_, v) = stats_json("standard", &["10-stopword-list-normalisation.input"], &[]);
    assert_eq!(v["corpus"]["tokens"], 9);
    assert_eq!(v["corpus"]["term_tokens"], 9);
    let list = case("10-stopword-list-normalisation.stopwords.txt");
    let run = tahlil(&[
        "stats",
        "--stopwords",
        &list,
        "--format",
        "json",
        "--top",
        "0",
        &case("10-stopword-list-normalisation.input"),
    ]);
    assert_eq!((run.code, run.stderr_lines()), (0, 0), "{}", run.stderr);
    let v = run.json();
    // the case's "Tokens 5, types 5" are the tokens and types left as terms; stopwords still
    // count in corpus.tokens (9)
    assert_eq!(v["corpus"]["term_tokens"], 5);
    assert_eq!(v["corpus"]["term_types"], 5);
    assert_eq!(v["corpus"]["tokens"], 9);
    assert_eq!(
        terms(&v),
        pairs(&[("الايام", 1), ("السوق", 1), ("الله", 1), ("ذهبت", 1), ("شاء", 1)])
    );
}

#[test]
fn case10_missing_or_undecodable_stopword_file_stops_before_output() {
    let run = tahlil(&[
        "stats",
        "--stopwords",
        "no/such/list.txt",
        &case("10-stopword-list-normalisation.input"),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert_eq!(run.stderr_lines(), 1);
    assert!(run.stderr.contains("no/such/list.txt"));
    let run = tahlil(&[
        "stats",
        "--stopwords",
        &case("11-legacy-arabic-codepage.input"),
        &case("10-stopword-list-normalisation.input"),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("11-legacy-arabic-codepage.input") && run.stderr.contains("0xC7"));
}

#[test]
fn case11_legacy_alone_fails_with_offset_and_byte() {
    let (run, _) = stats_json("standard", &["11-legacy-arabic-codepage.input"], &[]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty(), "no report passes the file off as 0 tokens");
    let first = run.stderr.lines().next().unwrap_or("");
    assert!(first.contains("11-legacy-arabic-codepage.input"), "{}", run.stderr);
    assert!(first.contains("byte 0") && first.contains("0xC7"), "{}", run.stderr);
    assert!(first.contains("--encoding"), "{}", run.stderr);
    assert!(!run.stderr.contains('\u{FFFD}'));
}

#[test]
fn case11_both_code_pages_fail() {
    let (run, _) = stats_json(
        "standard",
        &["11-legacy-arabic-codepage.input", "11-legacy-arabic-codepage.iso-8859-6.input"],
        &[],
    );
    assert_eq!(run.code, 1);
    let skipped = run.stderr.lines().filter(|l| l.contains("skipped")).count();
    assert_eq!(skipped, 2, "{}", run.stderr);
}

#[test]
fn case11_with_a_good_file() {
    let (run, v) = stats_json(
        "standard",
        &["11-legacy-arabic-codepage.input", "12-zero-tokens.one-word.input"],
        &[],
    );
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr_lines(), 1, "{}", run.stderr);
    assert_eq!(v["corpus"]["skipped"].as_array().map(Vec::len), Some(1));
    assert!(v["corpus"]["skipped"][0]["path"].as_str().unwrap_or("").contains("11-legacy"));
    assert_eq!(v["corpus"]["tokens"], 1);
    assert_eq!(terms(&v), pairs(&[("مصر", 1)]));
    // --strict: the skipped input makes the exit status 1, after the report
    let (run, v) = stats_json(
        "standard",
        &["11-legacy-arabic-codepage.input", "12-zero-tokens.one-word.input"],
        &["--strict"],
    );
    assert_eq!(run.code, 1);
    assert_eq!(terms(&v), pairs(&[("مصر", 1)]));
}

#[test]
fn case11_explicit_encodings() {
    let (run, v) = stats_json(
        "standard",
        &["11-legacy-arabic-codepage.input"],
        &["--encoding", "windows-1256"],
    );
    assert_eq!((run.code, run.stderr_lines()), (0, 0), "{}", run.stderr);
    assert_eq!(terms(&v), pairs(&[("العربية", 1)]));
    assert_eq!(code_points(&terms(&v)[0].0), "0627 0644 0639 0631 0628 064A 0629");
    let (run, v) = stats_json(
        "standard",
        &["11-legacy-arabic-codepage.iso-8859-6.input"],
        &["--encoding", "iso-8859-6"],
    );
    assert_eq!(run.code, 0);
    assert_eq!(terms(&v), pairs(&[("العربية", 1)]));
}

#[test]
fn case12_zero_token_files_each() {
    for f in ["12-zero-tokens.input", "12-zero-tokens.empty.input", "12-zero-tokens.bom-crlf.input"]
    {
        for fmt in ["json", "jsonl", "csv", "tsv", "table"] {
            let run = tahlil(&["stats", "--stopwords", "none", "--format", fmt, &case(f)]);
            assert_eq!(run.code, 0, "{f} {fmt}: {}", run.stderr);
            assert_eq!(run.stderr_lines(), 1, "{f} {fmt}: {}", run.stderr);
            assert!(run.stderr.contains(f) && run.stderr.contains("no tokens"), "{}", run.stderr);
            assert_clean(&run);
            if fmt == "json" {
                let v = run.json();
                assert_eq!(v["corpus"]["tokens"], 0);
                assert_eq!(v["corpus"]["types"], 0);
                assert_eq!(v["corpus"]["documents"], 1);
                assert_eq!(v["terms"].as_array().map(Vec::len), Some(0));
                assert_eq!(v["corpus"]["skipped"].as_array().map(Vec::len), Some(0));
            }
        }
    }
}

#[test]
fn case12_all_together() {
    let (run, v) = stats_json(
        "standard",
        &[
            "12-zero-tokens.input",
            "12-zero-tokens.empty.input",
            "12-zero-tokens.bom-crlf.input",
            "12-zero-tokens.one-word.input",
        ],
        &[],
    );
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr_lines(), 3, "{}", run.stderr);
    assert_eq!(v["corpus"]["documents"], 4);
    assert_eq!(v["corpus"]["skipped"].as_array().map(Vec::len), Some(0));
    assert_eq!(v["corpus"]["tokens"], 1);
    assert_eq!(terms(&v), pairs(&[("مصر", 1)]));
    assert_eq!(code_points(&terms(&v)[0].0), "0645 0635 0631");
}

#[test]
fn case13_line_endings_and_whitespace() {
    let (run, v) = stats_json("standard", &["13-line-endings-whitespace.input"], &[]);
    assert_eq!((run.code, run.stderr_lines()), (0, 0));
    assert_clean(&run);
    assert_eq!(v["corpus"]["tokens"], 7);
    assert_eq!(
        terms(&v),
        pairs(&[
            ("الجزائر", 1),
            ("المغرب", 1),
            ("تونس", 1),
            ("ثان", 1),
            ("قسم", 1),
            ("ليبيا", 1),
            ("مصر", 1),
        ])
    );
    let (_, lf) = stats_json("standard", &["13-line-endings-whitespace.lf.input"], &[]);
    assert_eq!(terms(&v), terms(&lf));
    assert_eq!(v["corpus"]["sentences"], lf["corpus"]["sentences"]);
    for f in ["tsv", "csv", "table", "jsonl"] {
        let run = tahlil(&["stats", "--format", f, &case("13-line-endings-whitespace.input")]);
        assert!(!run.stdout.contains('\r'), "{f}");
    }
}

#[test]
fn case14_hashtags_urls_emails_and_script_boundaries() {
    // Decision recorded in the README: a change of script ends a token and a proclitic
    // chain left alone by that split is dropped: الـBBC → bbc, بـ2025 → 2025.
    let (run, v) = stats_json("standard", &["14-hashtag-url-email-mixed.input"], &[]);
    assert_eq!((run.code, run.stderr_lines()), (0, 0));
    assert_eq!(v["corpus"]["tokens"], 4);
    assert_eq!(v["corpus"]["urls"], 1);
    assert_eq!(v["corpus"]["emails"], 1);
    assert_eq!(terms(&v), pairs(&[("2025", 1), ("bbc", 1), ("تنتصر", 1), ("مصر", 1)]));
    for junk in ["example", "com", "org", "info", "https", "x", "1", "ب", "ال"] {
        assert!(!terms(&v).iter().any(|(t, _)| t == junk), "{junk}");
    }
}
