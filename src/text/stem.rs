//! Optional stemming (`--stem`), applied to term keys after normalisation, segmentation
//! and the stopword check. Never used for lexicon matching: stemmers damage names
//! (Snowball turns فلسطين into لسط and فرنسا into رنس).

use serde::Serialize;

/// Which stemmer to apply to term keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum StemMode {
    /// No stemming (the default).
    #[default]
    None,
    /// Larkey's light10 stemmer (Larkey, Ballesteros & Connell 2007, "Light Stemming for
    /// Arabic Information Retrieval", in *Arabic Computational Morphology*, Springer).
    Light,
    /// The Snowball Arabic stemmer (rust-stemmers, `Algorithm::Arabic`).
    Snowball,
}

/// A stemmer for one [`StemMode`].
pub enum Stemmer {
    /// Identity.
    None,
    /// light10.
    Light,
    /// Snowball.
    Snowball(Box<rust_stemmers::Stemmer>),
}

impl std::fmt::Debug for Stemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Stemmer::None => "Stemmer::None",
            Stemmer::Light => "Stemmer::Light",
            Stemmer::Snowball(_) => "Stemmer::Snowball",
        })
    }
}

impl Stemmer {
    /// The stemmer for `mode`.
    pub fn new(mode: StemMode) -> Self {
        match mode {
            StemMode::None => Stemmer::None,
            StemMode::Light => Stemmer::Light,
            StemMode::Snowball => Stemmer::Snowball(Box::new(rust_stemmers::Stemmer::create(
                rust_stemmers::Algorithm::Arabic,
            ))),
        }
    }

    /// Stems one normalised word; numbers and non-Arabic words are returned unchanged by
    /// `light`.
    pub fn stem<'a>(&self, word: &'a str) -> std::borrow::Cow<'a, str> {
        match self {
            Stemmer::None => word.into(),
            Stemmer::Light => light10(word).into(),
            Stemmer::Snowball(s) => s.stem(word),
        }
    }
}

/// Larkey's light10 stemmer on a normalised word (Larkey, Ballesteros & Connell 2007):
/// 1. remove و if at least 3 characters remain;
/// 2. remove the first matching article ال وال بال كال فال لل if at least 2 characters
///    remain;
/// 3. go once through the suffixes ها ان ات ون ين يه ية ه ة ي in that order, removing each
///    one found at the end of the word if at least 2 characters remain.
///
/// Returns a slice of `word`.
pub fn light10(word: &str) -> &str {
    let len = |s: &str| s.chars().count();
    let mut w = word;
    if let Some(r) = w.strip_prefix('و')
        && len(r) >= 3
    {
        w = r;
    }
    for art in ["ال", "وال", "بال", "كال", "فال", "لل"] {
        if let Some(r) = w.strip_prefix(art)
            && len(r) >= 2
        {
            w = r;
            break;
        }
    }
    for suf in ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"] {
        if let Some(r) = w.strip_suffix(suf)
            && len(r) >= 2
        {
            w = r;
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn light10_examples() {
        // و removed (3+ left), then ال: والمكتبات → المكتبات → مكتبات → suffix ات → مكتب
        assert_eq!(light10("والمكتبات"), "مكتب");
        assert_eq!(light10("الهند"), "هند");
        // suffix ية: الاقتصادية → اقتصادية → اقتصاد
        assert_eq!(light10("الاقتصادية"), "اقتصاد");
        // two-letter remainder limits: وزير → و removed leaves زير (3) → زير
        assert_eq!(light10("وزير"), "زير");
        assert_eq!(light10("من"), "من");
    }

    #[test]
    fn snowball_runs() {
        let s = Stemmer::new(StemMode::Snowball);
        assert_eq!(s.stem("الكتب"), "كتب");
    }
}
