//! Proclitics: the conjunctions و ف, the prepositions ب ك ل and the article ال (with لل for
//! ل + ال), attached to the front of Arabic words.
//!
//! Two users share the candidate splits computed here:
//!
//! * the lexicon matcher, which accepts a split only when the remainder is a lexicon entry
//!   (وبالهند → الهند/هند ✓, فلسطين stays فلسطين because it is itself an entry), and
//! * [`Segmenter`], the corpus-aware segmentation behind `--segment proclitics`.
//!
//! All functions take *normalised* text (see [`super::normalize`]).

use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// Conjunction + preposition chains, longest first (without the article).
const CHAINS: &[&str] = &["وب", "وك", "ول", "فب", "فك", "فل", "و", "ف", "ب", "ك", "ل"];

/// Is `s` (normalised letters) only a chain of proclitics, e.g. `ب`, `ال`, `وبال`, `لل`?
/// The empty string is not.
pub fn is_proclitic_chain(s: &str) -> bool {
    if s.is_empty() {
        return false;
    }
    let mut rest = s;
    if let Some(r) = rest.strip_prefix('و').or_else(|| rest.strip_prefix('ف')) {
        rest = r;
    }
    if rest.is_empty() {
        return true;
    }
    if rest == "لل" || rest == "ال" {
        return true;
    }
    if let Some(r) = rest.strip_prefix(['ب', 'ك', 'ل']) {
        rest = r;
    }
    rest.is_empty() || rest == "ال"
}

/// One way of splitting proclitics off a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The proclitic letters removed, as written (e.g. `وب`, `لل`, `وال`).
    pub proclitics: &'static str,
    /// What is left, with the article restored when it was written as لل (للكويت →
    /// الكويت for the split `ل`).
    pub remainder: Cow<'a, str>,
    /// True when the split removes the article ال (or the لل form of it).
    pub removes_article: bool,
}

/// All proclitic splits of `word` whose remainder has at least two characters, longest
/// proclitic chain first. `word` itself (no split) is not included.
///
/// Chains: an optional conjunction (و, ف), an optional preposition (ب, ك, ل) and an
/// optional article (ال); ل + ال is written لل and is offered both as `ل` + `ال…` and as
/// `لل` + `…`. Example: `وللكويت` → `ول`+`الكويت`… see the tests.
pub fn proclitic_splits(word: &str) -> Vec<Split<'_>> {
    const WITH_ARTICLE: &[(&str, &str)] = &[
        ("وبال", "وب"),
        ("وكال", "وك"),
        ("فبال", "فب"),
        ("فكال", "فك"),
        ("ولل", "ول"),
        ("فلل", "فل"),
        ("وال", "و"),
        ("فال", "ف"),
        ("بال", "ب"),
        ("كال", "ك"),
        ("لل", "ل"),
        ("ال", ""),
    ];
    let mut out = Vec::new();
    let long_enough = |r: &str| r.chars().nth(1).is_some();
    for &(full, before_article) in WITH_ARTICLE {
        if let Some(rest) = word.strip_prefix(full)
            && long_enough(rest)
        {
            out.push(Split {
                proclitics: full,
                remainder: Cow::Borrowed(rest),
                removes_article: true,
            });
            if full.ends_with("لل") {
                // ل + ال written لل: offer the remainder with its article restored
                out.push(Split {
                    proclitics: before_article,
                    remainder: Cow::Owned(format!("ال{rest}")),
                    removes_article: false,
                });
            }
        }
    }
    for &chain in CHAINS {
        if let Some(rest) = word.strip_prefix(chain)
            && long_enough(rest)
            && !out.iter().any(|s| s.remainder == rest)
        {
            out.push(Split {
                proclitics: chain,
                remainder: Cow::Borrowed(rest),
                removes_article: false,
            });
        }
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.proclitics.chars().count()));
    out
}

/// Corpus-aware proclitic segmentation (`--segment proclitics`).
///
/// A split is accepted only when the remainder is itself attested in the corpus at least
/// as often as the cliticised form: `ومصر` (rare) → `مصر` (frequent) is split, while
/// `وزير` stays whole because `زير` is rarer than `وزير`, and `فرنسا`, `لبنان`, `بريطانيا`
/// stay whole because `رنسا`, `بنان`, `ريطانيا` are rarer or absent. Words that are
/// protected (stopwords, lexicon entries) are never split, and a split whose remainder is
/// a stopword is refused (`ولي` "guardian" is not `و` + `لي`).
///
/// The decision is made once per type, in two steps: first the conjunction/preposition
/// chain (longest accepted chain first; لل is read as ل + ال), then, on what is left, the
/// article ال under the same rule. So `وللتنمية` → `التنمية` → `تنمية` when `تنمية` is
/// attested as often as `التنمية`, and every cliticised form of a word lands on the same
/// key. This follows the "split only when the stem is attested" idea of corpus-based
/// segmenters (e.g. Lee et al. 2003, "Language model based Arabic word segmentation").
#[derive(Debug, Default, Clone)]
pub struct Segmenter {
    map: FxHashMap<Box<str>, Box<str>>,
}

impl Segmenter {
    /// Builds the segmentation table from the type counts of a corpus (normalised types and
    /// their token counts). `protected(w)` is true for words never to split; `is_stop(w)`
    /// for stopwords (a remainder that is a stopword refuses the split).
    pub fn from_counts(
        counts: &FxHashMap<Box<str>, u64>,
        protected: &dyn Fn(&str) -> bool,
        is_stop: &dyn Fn(&str) -> bool,
    ) -> Self {
        let mut map = FxHashMap::default();
        for (w, &c) in counts {
            let seg = segment_one(w, c, counts, protected, is_stop, 0);
            if seg != **w {
                map.insert(w.clone(), seg.into_boxed_str());
            }
        }
        Segmenter { map }
    }

    /// The segmented form of `word`: the remainder after its proclitics, or `word` itself.
    pub fn segment<'a>(&'a self, word: &'a str) -> &'a str {
        self.map.get(word).map_or(word, |s| s)
    }

    /// Number of types that are split.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when no type is split.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

fn segment_one(
    w: &str,
    c: u64,
    counts: &FxHashMap<Box<str>, u64>,
    protected: &dyn Fn(&str) -> bool,
    is_stop: &dyn Fn(&str) -> bool,
    depth: u8,
) -> String {
    if depth > 3 || protected(w) || is_stop(w) {
        return w.to_string();
    }
    let attested = |r: &str| !is_stop(r) && counts.get(r).is_some_and(|&rc| rc >= c.max(1));
    // step 1: conjunction/preposition chains (the article is handled in step 2)
    for split in proclitic_splits(w) {
        if split.removes_article {
            continue;
        }
        if attested(&split.remainder) {
            let rc = counts.get(&*split.remainder).copied().unwrap_or(0);
            return segment_one(&split.remainder, rc, counts, protected, is_stop, depth + 1);
        }
    }
    // step 2: the article
    if let Some(rest) = w.strip_prefix("ال")
        && rest.chars().nth(1).is_some()
        && !protected(rest)
        && attested(rest)
    {
        return rest.to_string();
    }
    w.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains() {
        for c in ["و", "ف", "ب", "ك", "ل", "ال", "لل", "وال", "بال", "وبال", "ولل", "فلل", "وب"]
        {
            assert!(is_proclitic_chain(c), "{c}");
        }
        for c in ["", "م", "الم", "بب", "ها", "لا", "وو"] {
            assert!(!is_proclitic_chain(c), "{c}");
        }
    }

    #[test]
    fn splits_longest_first_with_restored_article() {
        let s = proclitic_splits("وللكويت");
        let got: Vec<(&str, &str)> = s.iter().map(|s| (s.proclitics, &*s.remainder)).collect();
        assert_eq!(got[0], ("ولل", "كويت"));
        assert!(got.contains(&("ول", "الكويت")));
        assert!(got.contains(&("و", "للكويت")));
        let s = proclitic_splits("بمصر");
        assert_eq!(s.len(), 1);
        assert_eq!(&*s[0].remainder, "مصر");
        // remainders shorter than two characters are not offered
        assert!(proclitic_splits("وب").is_empty());
    }

    fn counts(pairs: &[(&str, u64)]) -> FxHashMap<Box<str>, u64> {
        pairs.iter().map(|&(w, c)| (Box::from(w), c)).collect()
    }

    #[test]
    fn segmenter_splits_only_attested_remainders() {
        let c = counts(&[
            ("مصر", 10),
            ("ومصر", 2),
            ("بمصر", 1),
            ("وزير", 8),
            ("زير", 1),
            ("فرنسا", 5),
            ("لبنان", 4),
            ("بنان", 1),
            ("للتنمية", 2),
            ("التنمية", 6),
            ("ولي", 3),
            ("لي", 9),
        ]);
        let stop = |w: &str| w == "لي";
        let seg = Segmenter::from_counts(&c, &|_| false, &stop);
        assert_eq!(seg.segment("ومصر"), "مصر");
        assert_eq!(seg.segment("بمصر"), "مصر");
        assert_eq!(seg.segment("وزير"), "وزير");
        assert_eq!(seg.segment("فرنسا"), "فرنسا");
        assert_eq!(seg.segment("لبنان"), "لبنان");
        assert_eq!(seg.segment("للتنمية"), "التنمية");
        assert_eq!(seg.segment("ولي"), "ولي");
    }
}
