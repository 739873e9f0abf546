//! The built-in lexicons, embedded from `data/lexicons/` (documented in its README).

use super::format::{self, Format, Severity};
use super::{Lexicon, LexiconError};
use crate::text::Normalizer;

/// The embedded files: name and content. `countries.tsv`, `regions.tsv` and `themes.tsv`
/// are the default lexicons; `capitals.tsv` adds capitals and seats of government as
/// aliases of their countries (`--capitals`, off by default).
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    ("countries.tsv", include_str!("../../data/lexicons/countries.tsv")),
    ("regions.tsv", include_str!("../../data/lexicons/regions.tsv")),
    ("themes.tsv", include_str!("../../data/lexicons/themes.tsv")),
    ("capitals.tsv", include_str!("../../data/lexicons/capitals.tsv")),
];

/// Which built-in lexicons to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinOptions {
    /// Countries (`country:ISO3`, every ISO 3166-1 country plus Kosovo).
    pub countries: bool,
    /// Regions and blocs (`region:slug`).
    pub regions: bool,
    /// Themes (`theme:slug`).
    pub themes: bool,
    /// Capitals and seats of government as country aliases (واشنطن → `country:USA`).
    /// Only used together with `countries`. Off by default.
    pub capitals: bool,
}

impl Default for BuiltinOptions {
    /// Countries, regions and themes; no capitals.
    fn default() -> Self {
        BuiltinOptions { countries: true, regions: true, themes: true, capitals: false }
    }
}

/// Loads the selected built-in files, in the order of [`BUILTIN_FILES`].
pub fn load(normalizer: &Normalizer, opts: &BuiltinOptions) -> Result<Lexicon, LexiconError> {
    let mut lex = Lexicon::empty(normalizer);
    for &(name, text) in BUILTIN_FILES {
        let wanted = match name {
            "countries.tsv" => opts.countries,
            "regions.tsv" => opts.regions,
            "themes.tsv" => opts.themes,
            "capitals.tsv" => opts.capitals && opts.countries,
            _ => false,
        };
        if !wanted {
            continue;
        }
        let (part, problems) =
            format::parse(text, &format!("builtin:{name}"), Format::Tsv, normalizer);
        if let Some(p) = problems.into_iter().find(|p| p.severity == Severity::Error) {
            return Err(p.into_error());
        }
        lex.merge(part)?;
    }
    Ok(lex)
}
