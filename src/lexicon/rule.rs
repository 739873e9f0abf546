//! Sentence rules: "this pattern counts only when its sentence contains one of …"
//! (`requires`) and "… unless its sentence contains one of …" (`unless`).
//!
//! A rule belongs to a row of a lexicon file (the `requires` and `unless` columns of the
//! TSV format, the `"requires"` and `"unless"` keys of a JSON entry object) and applies to
//! every pattern of that row. Its words are patterns of the same mini-language as the
//! row's (`word`, `two words`, `prefix*`; no `!`, `?` or `[…]`), matched like theme words:
//! whole tokens, proclitics split off the first word of a phrase, the article ال removable
//! from every word, globs allowed whatever the entry's kind.
//!
//! **Scope: the sentence.** A rule word counts when it occurs anywhere in the sentence of
//! the match, outside the match's own tokens (before or after it, at any distance). The
//! sentence is the unit the matcher already sees and the default unit of `cooc`; a token
//! window would need a size per rule and would cut off what is smuggled or hacked when it
//! is named several words away, while ANT's sentences are short (24 word tokens on
//! average) and stay on one topic.
//!
//! A match whose rule fails is not a match of that pattern: the entry is then decided by
//! its other patterns, if any match there (see `data/lexicons/README.md`, rule 5). At equal
//! numbers of adjacent context words (`[…]`), a pattern with a rule that holds is more
//! specific than one without, so `?مالي` plus `مالي` requiring `باماكو` gives an
//! unambiguous mention when the sentence names Bamako and an ambiguous one otherwise.

use super::pattern::Pattern;
use super::{Entry, EntryId, Kind, Lexicon, Matcher, Mention, Origin};
use crate::text::Normalizer;
use rustc_hash::FxHashMap;
use serde::Serialize;

/// The rule of a lexicon row: the words whose presence the row's patterns require, and
/// those whose presence cancels them. Shared (`Arc`) by the patterns of its row.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceRule {
    /// At least one of these must occur in the sentence (empty: no requirement).
    pub requires: Vec<Pattern>,
    /// None of these may occur in the sentence.
    pub unless: Vec<Pattern>,
}

/// A [`SentenceRule`] compiled for matching: one small [`Matcher`] per word list (each
/// about 32 KiB, mostly its root filter; the built-in themes have 24 rules). Checked only
/// when a pattern with a rule matches, by running the small matcher over the sentence.
#[derive(Debug, Clone)]
pub(super) struct CompiledRule {
    requires: Option<Matcher>,
    unless: Option<Matcher>,
}

impl CompiledRule {
    /// Compiles `rule`; its words were normalised with `normalizer`.
    pub(super) fn new(rule: &SentenceRule, normalizer: &Normalizer) -> Self {
        let build = |words: &[Pattern]| {
            (!words.is_empty()).then(|| word_lexicon(words, normalizer).matcher())
        };
        CompiledRule { requires: build(&rule.requires), unless: build(&rule.unless) }
    }

    /// Does the rule hold for a match of tokens `start..end` of the sentence `toks`?
    /// `seen` caches, per sentence, where the rule's words occur (see [`RuleCache`]), so
    /// that each rule runs its small matchers once per sentence, not once per candidate
    /// match (which was quadratic in the sentence's length).
    pub(super) fn holds<T: AsRef<str>>(
        &self,
        toks: &[T],
        start: usize,
        end: usize,
        seen: &mut Option<[Extent; 2]>,
    ) -> bool {
        let [requires, unless] = *seen.get_or_insert_with(|| {
            let mut found: Vec<Mention> = Vec::new();
            let mut extent = |m: &Option<Matcher>| {
                let m = m.as_ref()?;
                found.clear();
                m.find(toks, &mut found);
                let min_end = found.iter().map(|w| w.end).min()?;
                let max_start = found.iter().map(|w| w.start).max()?;
                Some((min_end, max_start))
            };
            [extent(&self.requires), extent(&self.unless)]
        });
        // a word occurs outside start..end iff one ends at or before `start` (the smallest
        // end does) or one starts at or after `end` (the largest start does)
        let outside =
            |e: Extent| e.is_some_and(|(min_end, max_start)| min_end <= start || max_start >= end);
        (self.requires.is_none() || outside(requires))
            && !(self.unless.is_some() && outside(unless))
    }
}

/// Where a rule's word list occurs in one sentence: the smallest end and the largest start
/// (token indices) of its matches; `None` when it does not occur (or the list is empty).
pub(super) type Extent = Option<(usize, usize)>;

/// Per-sentence cache of [`CompiledRule::holds`]: for each rule (by index), the extents of
/// its `requires` and `unless` words, computed at the rule's first use in the sentence.
#[derive(Debug, Default)]
pub(super) struct RuleCache(pub(super) Vec<Option<[Extent; 2]>>);

impl RuleCache {
    /// Empties the cache for a new sentence of a matcher with `rules` rules.
    pub(super) fn reset(&mut self, rules: usize) {
        self.0.clear();
        self.0.resize(rules, None);
    }
}

/// A one-entry theme lexicon holding `words` (so they match like theme patterns).
fn word_lexicon(words: &[Pattern], normalizer: &Normalizer) -> Lexicon {
    let origin =
        words.first().map_or(Origin { file: String::new(), line: 0 }, |p| p.origin.clone());
    let mut by_id = FxHashMap::default();
    by_id.insert("rule:words".to_string(), EntryId(0));
    Lexicon {
        normalizer: *normalizer,
        entries: vec![Entry {
            id: "rule:words".into(),
            kind: Kind::Theme,
            label_ar: String::new(),
            label_en: String::new(),
            patterns: words.to_vec(),
            origin,
        }],
        by_id,
    }
}

/// Compiles one word of a `requires` or `unless` list: a plain pattern (words, phrase,
/// glob), without `!`, `?` or context brackets.
///
/// # Errors
/// A message naming the word when it is not a plain pattern or does not compile.
pub(super) fn compile_word(
    source: &str,
    origin: Origin,
    normalizer: &Normalizer,
) -> Result<Pattern, String> {
    if source.starts_with(['!', '?']) || source.contains(['[', ']']) {
        return Err(format!(
            "rule word `{source}`: `!`, `?` and `[…]` are not allowed in requires/unless \
             (write plain words, phrases or prefix* globs)"
        ));
    }
    super::pattern::compile(source, origin, true, normalizer)
        .map_err(|m| m.replacen("pattern `", "rule word `", 1))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use crate::lexicon::{Lexicon, Severity, check_str};
    use crate::text::{Normalizer, Preset};

    // Columns: id, kind, label_ar, label_en, patterns, requires, unless.
    const TSV: &str = "\
theme:drugs\ttheme\tمخدرات\tDrugs\tمخدر*|تهريب المخدرات
theme:drugs\ttheme\t\t\tتهريب*|مهرب*\tمخدر*|حشيش|حبوب مخدرة\tسلاح*|أسلحة
theme:cyber\ttheme\tسيبراني\tCyber\tقرصنة\tالكتروني*|انترنت\tبث|قنوات
theme:energy\ttheme\tطاقة\tEnergy\tغاز
theme:energy\ttheme\t\t\t!غاز\tأعصاب*|سام
theme:self\ttheme\tس\tS\tمهرب*\tمهرب*
country:MLI\tcountry\tمالي\tMali\t?مالي
country:MLI\tcountry\t\t\tمالي\tباماكو|الطوارق
";

    /// (id, start, end, ambiguous) for whitespace-separated tokens, normalised.
    fn find(sentence: &str) -> Vec<(String, usize, usize, bool)> {
        let n = Normalizer::new(Preset::Standard);
        let lex = Lexicon::parse_tsv(TSV, "t.tsv", &n).unwrap();
        let m = lex.matcher();
        let toks: Vec<String> = sentence.split_whitespace().map(|t| n.normalize(t)).collect();
        let mut out = Vec::new();
        m.find(&toks, &mut out);
        out.iter().map(|x| (m.id(x.entry).to_string(), x.start, x.end, x.ambiguous)).collect()
    }

    fn hit(id: &str, start: usize, end: usize) -> (String, usize, usize, bool) {
        (id.to_string(), start, end, false)
    }

    #[test]
    fn requires_one_word_anywhere_in_the_sentence() {
        // مهربين (1) needs a drug word: none here
        assert_eq!(find("ضبط مهربين في الصحراء"), []);
        // حشيش (3) is a required word, two tokens after the match
        assert_eq!(find("ضبط مهربين ومعهم حشيش"), [hit("theme:drugs", 1, 2)]);
        // before the match, with proclitic and article: والمخدرات → مخدر*; a phrase too
        assert_eq!(
            find("المخدرات تصل مع المهربين"),
            [hit("theme:drugs", 0, 1), hit("theme:drugs", 3, 4)]
        );
        // the phrase حبوب مخدرة (1..3) satisfies the rule; مخدرة (2) is also a drug word
        assert_eq!(find("مهربو حبوب مخدرة"), [hit("theme:drugs", 0, 1), hit("theme:drugs", 2, 3)]);
    }

    #[test]
    fn unless_cancels_and_phrases_without_rules_are_unaffected() {
        // تهريب المخدرات (0..2) is a plain phrase: the longest match, no rule;
        // والأسلحة (2) matches nothing
        assert_eq!(find("تهريب المخدرات والأسلحة"), [hit("theme:drugs", 0, 2)]);
        // تهريب* (0) has its drug word (والمخدرات, 2) but الأسلحة (1) cancels it;
        // والمخدرات itself is a drug mention (مخدر* after و + ال)
        assert_eq!(find("تهريب الأسلحة والمخدرات"), [hit("theme:drugs", 2, 3)]);
        assert_eq!(find("قرصنة الحسابات الإلكترونية"), [hit("theme:cyber", 0, 1)]);
        // broadcast piracy: الإنترنت is there, but so is بث
        assert_eq!(find("قرصنة بث المباريات عبر الإنترنت"), []);
    }

    #[test]
    fn rule_words_inside_the_match_do_not_count() {
        // theme:self's مهرب* requires مهرب* elsewhere in the sentence
        let got = find("مهربين");
        assert!(!got.iter().any(|m| m.0 == "theme:self"), "{got:?}");
        let got: Vec<_> =
            find("مهربين ومهربون").into_iter().filter(|m| m.0 == "theme:self").collect();
        assert_eq!(got, [hit("theme:self", 0, 1), hit("theme:self", 1, 2)]);
    }

    #[test]
    fn a_rule_makes_a_pattern_more_specific() {
        // a blocking pattern with a rule beats the plain one when its rule holds
        assert_eq!(find("غاز الأعصاب"), []);
        assert_eq!(find("استخدام غاز سام"), []);
        assert_eq!(find("أسعار الغاز"), [hit("theme:energy", 1, 2)]);
        // ?مالي alone: ambiguous; مالي with باماكو in the sentence: certain
        assert_eq!(find("هجوم في مالي"), [("country:MLI".into(), 2, 3, true)]);
        assert_eq!(find("انفجار في مالي قرب باماكو"), [hit("country:MLI", 2, 3)]);
    }

    #[test]
    fn check_reports_bad_rule_words_by_line() {
        let n = Normalizer::new(Preset::Standard);
        let text = "id\tkind\tlabel_ar\tlabel_en\tpatterns\trequires\tunless\n\
                    theme:a\ttheme\tأ\tA\tتهريب*\tمخ*\n\
                    theme:a\ttheme\t\t\tمهرب*\t[مخدرات]\t!سلاح\n\
                    theme:a\ttheme\t\t\t\tمخدر*\n\
                    theme:a\ttheme\t\t\tقرصنة\tالكتروني*||انترنت\n\
                    theme:a\ttheme\t\t\tx\ty\tz\textra\n\
                    theme:b\ttheme\tب\tB\tقرصنة\t\tبث\n";
        let problems = check_str(text, "r.tsv", &n);
        let got: Vec<(usize, Severity)> = problems.iter().map(|p| (p.line, p.severity)).collect();
        assert_eq!(
            got,
            [
                (2, Severity::Error),   // glob prefix مخ is too short
                (3, Severity::Error),   // [مخدرات]
                (3, Severity::Error),   // !سلاح
                (4, Severity::Warning), // a rule on a row without patterns
                (5, Severity::Warning), // empty requires word between ||
                (6, Severity::Error),   // 8 columns
            ],
            "{problems:#?}"
        );
        assert!(
            problems[1].to_string().starts_with("r.tsv:3: error: theme:a: rule word `[مخدرات]`")
        );
        assert!(problems[5].message.contains("expected 5 to 7"), "{}", problems[5].message);
        // the unless-only row (line 7) is valid and loads
        let ok = "theme:b\ttheme\tب\tB\tقرصنة\t\tبث\n";
        let lex = Lexicon::parse_tsv(ok, "r.tsv", &n).unwrap();
        let rule = lex.entries()[0].patterns[0].rule.as_ref().unwrap();
        assert!(rule.requires.is_empty());
        assert_eq!(rule.unless[0].source, "بث");
    }

    #[test]
    fn json_entry_objects_take_rules() {
        let n = Normalizer::new(Preset::Standard);
        let text = r#"{
  "theme:drugs": {"label_en": "Drugs", "patterns": ["تهريب*"],
                  "requires": ["مخدر*"], "unless": ["سلاح*"]},
  "theme:bad": {"patterns": ["قرصنة"], "requires": "الكتروني*", "require": ["x"]}
}"#;
        let problems = check_str(text, "d.json", &n);
        let got: Vec<(usize, Severity)> = problems.iter().map(|p| (p.line, p.severity)).collect();
        // line 4: "requires" is not a list (error), "require" is unknown (warning)
        assert_eq!(got, [(4, Severity::Error), (4, Severity::Warning)], "{problems:#?}");
        let lex =
            Lexicon::parse_json(&text.replace(r#""requires": "الكتروني*", "#, ""), "d.json", &n);
        let lex = lex.unwrap();
        let m = lex.matcher();
        let run = |s: &str| {
            let toks: Vec<String> = s.split_whitespace().map(|t| n.normalize(t)).collect();
            let mut out = Vec::new();
            m.find(&toks, &mut out);
            out.iter().map(|x| (m.id(x.entry).to_string(), x.start)).collect::<Vec<_>>()
        };
        assert_eq!(run("تهريب المخدرات"), [("theme:drugs".to_string(), 0)]);
        assert_eq!(run("تهريب السلاح والمخدرات"), []);
        assert_eq!(run("تهريب الوقود"), []);
    }
}
