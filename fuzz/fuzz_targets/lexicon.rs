//! The lexicon loader and matcher. Input: either raw text (TSV, or JSON when it starts with
//! `{`) or rows built from an Arabic-heavy alphabet (so that patterns compile and match),
//! plus a sentence. Checked: `check_str`, `Lexicon::parse_tsv` / `parse_json` never panic;
//! problems name lines inside the text and come sorted by line; `parse_*` fails exactly
//! when `check_str` reports an error; every entry has a valid id; mentions found by the
//! lexicon's matcher (and by the built-in lexicons' matcher) in the sentence are non-empty
//! token ranges inside the sentence, sorted, naming existing entries, with byte spans
//! inside the sentence. `find` is also run on raw, un-normalised tokens.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use tahlil::lexicon::{BuiltinOptions, Lexicon, Matcher, SentenceTokens, Severity, check_str};
use tahlil::text::{Normalizer, Pipeline, Preset, Scratch, TextOptions};

const ALPHABET: &[char] = &[
    'ا', 'ل', 'و', 'ف', 'ب', 'ك', 'م', 'ص', 'ر', 'ه', 'ن', 'د', 'ي', 'ة', 'ى', 'أ', 'إ', 'آ', 'ؤ',
    'ئ', 'ق', 'ط', 'ـ', '\u{064E}', '\u{0651}', 'ک', 'ی', '1', '٣', 'a', 'B', ' ', ' ', ' ', '*',
    '?', '!', '[', ']', '|', '.', '،', '#', ':', '\u{200F}', '\u{FEFB}', '_', '-',
];

#[derive(Debug, Arbitrary)]
struct Word(Vec<u8>);

impl Word {
    fn text(&self) -> String {
        self.0.iter().map(|&b| ALPHABET[usize::from(b) % ALPHABET.len()]).collect()
    }
}

#[derive(Debug, Arbitrary)]
struct Row {
    kind: u8,
    name: Word,
    label_ar: Word,
    label_en: String,
    patterns: Vec<Word>,
}

#[derive(Debug, Arbitrary)]
enum Source {
    Raw(String),
    Rows { rows: Vec<Row>, json: bool },
}

#[derive(Debug, Arbitrary)]
struct Input {
    preset: u8,
    source: Source,
    sentence: Vec<Word>,
    raw_sentence: String,
}

const KINDS: &[&str] = &["country", "region", "theme", "user", "org", "", "a b"];

fn lexicon_text(source: &Source) -> String {
    match source {
        Source::Raw(s) => s.clone(),
        Source::Rows { rows, json: false } => rows
            .iter()
            .map(|r| {
                let kind = KINDS[usize::from(r.kind) % KINDS.len()];
                let pats: Vec<String> = r.patterns.iter().map(Word::text).collect();
                format!(
                    "{kind}:{}\t{kind}\t{}\t{}\t{}\n",
                    r.name.text(),
                    r.label_ar.text(),
                    r.label_en.replace(['\t', '\n', '\r'], " "),
                    pats.join("|")
                )
            })
            .collect(),
        Source::Rows { rows, json: true } => {
            let mut map = serde_json::Map::new();
            for r in rows {
                let kind = KINDS[usize::from(r.kind) % KINDS.len()];
                let pats: Vec<serde_json::Value> =
                    r.patterns.iter().map(|p| p.text().into()).collect();
                let key = if r.kind % 2 == 0 {
                    format!("{kind}:{}", r.name.text())
                } else {
                    r.name.text()
                };
                let value = if r.kind % 3 == 0 {
                    serde_json::json!({"label_ar": r.label_ar.text(), "patterns": pats})
                } else {
                    serde_json::Value::Array(pats)
                };
                map.insert(key, value);
            }
            serde_json::Value::Object(map).to_string()
        }
    }
}

fn builtin() -> &'static [(Pipeline, Lexicon, Matcher)] {
    static B: OnceLock<Vec<(Pipeline, Lexicon, Matcher)>> = OnceLock::new();
    B.get_or_init(|| {
        [Preset::None, Preset::Standard, Preset::Search]
            .into_iter()
            .map(|normalize| {
                let opts = TextOptions { normalize, numbers: true, ..TextOptions::default() };
                let p = Pipeline::new(&opts).expect("stopwords");
                let lex = Lexicon::builtin(
                    &p.normalizer,
                    &BuiltinOptions { capitals: true, ..Default::default() },
                )
                .expect("built-in lexicons load");
                let m = lex.matcher();
                (p, lex, m)
            })
            .collect()
    })
}

fn check_mentions(lex: &Lexicon, m: &Matcher, pipeline: &Pipeline, sentence: &str, raw: &[String]) {
    let mut toks = SentenceTokens::new();
    let mut scratch = Scratch::default();
    toks.fill(pipeline, sentence, 0..sentence.len(), &mut scratch);
    assert_eq!(toks.tokens().len(), toks.len());
    assert_eq!(toks.spans().len(), toks.len());
    let mut out = Vec::new();
    m.find(toks.tokens(), &mut out);
    let mut prev = None;
    for mention in &out {
        assert!(mention.start < mention.end && mention.end <= toks.len(), "{mention:?}");
        assert!(mention.entry.index() < lex.len());
        assert_eq!(m.id(mention.entry), lex.entries()[mention.entry.index()].id);
        let key = (mention.start, mention.end, mention.entry);
        assert!(prev.is_none_or(|p| p <= key), "mentions sorted");
        prev = Some(key);
        let span = toks.span_of(mention);
        assert!(span.start < span.end && span.end <= sentence.len(), "{span:?}");
    }
    let mut out = vec![];
    m.find(raw, &mut out);
    for mention in &out {
        assert!(mention.start < mention.end && mention.end <= raw.len());
    }
}

fuzz_target!(|input: Input| {
    let preset = [Preset::None, Preset::Standard, Preset::Search][usize::from(input.preset % 3)];
    let normalizer = Normalizer::new(preset);
    let text = lexicon_text(&input.source);
    let problems = check_str(&text, "fuzz.tsv", &normalizer);
    let max_line = 1 + text.matches(['\n', '\r', '\u{2028}', '\u{2029}']).count();
    for w in problems.windows(2) {
        assert!(w[0].line <= w[1].line, "problems sorted by line");
    }
    for p in &problems {
        assert!(p.line <= max_line, "line {} of {max_line}: {p}", p.line);
        assert!(!p.message.is_empty());
    }
    let has_error = problems.iter().any(|p| p.severity == Severity::Error);
    let json = text.trim_start().starts_with('{');
    let parsed = if json {
        Lexicon::parse_json(&text, "fuzz.json", &normalizer)
    } else {
        Lexicon::parse_tsv(&text, "fuzz.tsv", &normalizer)
    };
    assert_eq!(parsed.is_err(), has_error, "parse fails exactly on an error: {problems:?}");

    let sentence: String = input.sentence.iter().map(Word::text).collect::<Vec<_>>().join(" ");
    let raw: Vec<String> = input.raw_sentence.split(' ').map(str::to_owned).collect();
    let (pipeline, blex, bmatcher) = &builtin()[usize::from(input.preset % 3)];
    if let Ok(lex) = parsed {
        for e in lex.entries() {
            assert!(!e.id.is_empty() && !e.id.contains(char::is_whitespace), "{}", e.id);
            assert_eq!(
                lex.find_id(&e.id).map(|i| lex.entries()[i.index()].id.clone()),
                Some(e.id.clone())
            );
        }
        let m = lex.matcher();
        assert_eq!(m.len(), lex.len());
        check_mentions(&lex, &m, pipeline, &sentence, &raw);
        check_mentions(&lex, &m, pipeline, &input.raw_sentence, &raw);
    }
    check_mentions(blex, bmatcher, pipeline, &sentence, &raw);
    check_mentions(blex, bmatcher, pipeline, &input.raw_sentence, &raw);
});
