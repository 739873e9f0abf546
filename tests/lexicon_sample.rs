//! Golden mentions on the sample article `data/corpus/india-central-asia.txt`, computed as
//! the tools do: `structure::parse`, then `Pipeline::terms` per sentence, then the matcher.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use tahlil::lexicon::{BuiltinOptions, Lexicon, SentenceTokens};
use tahlil::structure::{self, StructureOptions};
use tahlil::text::{Pipeline, Scratch, TextOptions};

/// (id, surface form, ambiguous) of every mention in the sample, in text order.
fn sample_mentions() -> Vec<(String, String, bool)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/corpus/india-central-asia.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let pipeline = Pipeline::new(&TextOptions::default()).unwrap();
    let lex = Lexicon::builtin(&pipeline.normalizer, &BuiltinOptions::default()).unwrap();
    let matcher = lex.matcher();
    let st = structure::parse(&text, &StructureOptions::default());
    let mut scratch = Scratch::default();
    let mut toks = SentenceTokens::new();
    let mut ms = Vec::new();
    let mut out = Vec::new();
    for (_, p) in st.all_paragraphs() {
        for sent in &p.sentences {
            toks.fill(&pipeline, &text, sent.clone(), &mut scratch);
            ms.clear();
            matcher.find(toks.tokens(), &mut ms);
            for m in &ms {
                out.push((
                    matcher.id(m.entry).to_string(),
                    text[toks.span_of(m)].to_string(),
                    m.ambiguous,
                ));
            }
        }
    }
    out
}

fn counts(ms: &[(String, String, bool)]) -> BTreeMap<String, usize> {
    let mut c = BTreeMap::new();
    for (id, _, _) in ms {
        *c.entry(id.clone()).or_default() += 1;
    }
    c
}

#[test]
fn india_nine_times() {
    // Derivation: `grep -o 'الهند' data/corpus/india-central-asia.txt | wc -l` gives 9, and
    // `grep -o '[^ ]*الهند[^ ]*' data/corpus/india-central-asia.txt | sort | uniq -c` shows
    // that all 9 are the bare word الهند (no الهندية, الهندسة, وبالهند …); no other form of
    // India (هندي، الهنود، للهند …) occurs in the file.
    let ms = sample_mentions();
    let india: Vec<&(String, String, bool)> = ms.iter().filter(|m| m.0 == "country:IND").collect();
    assert_eq!(india.len(), 9);
    assert!(india.iter().all(|m| m.1 == "الهند" && !m.2));
}

#[test]
fn countries_and_regions_golden() {
    let ms = sample_mentions();
    assert!(ms.iter().all(|m| !m.2), "no ambiguous mention in the sample");
    let c = counts(&ms);
    let geo: Vec<(&str, usize)> = c
        .iter()
        .filter(|(id, _)| id.starts_with("country:") || id.starts_with("region:"))
        .map(|(id, n)| (id.as_str(), *n))
        .collect();
    assert_eq!(
        geo,
        [
            // أفغانستان (paragraph 3)
            ("country:AFG", 1),
            ("country:IND", 9),
            // the five republics of paragraph 2, four of them with و
            ("country:KAZ", 1),
            ("country:KGZ", 1),
            ("country:TJK", 1),
            ("country:TKM", 1),
            ("country:UZB", 1),
            // آسيا الوسطى ×6 (title, وجمهوريات/دول/ودول آسيا الوسطى, منطقة آسيا الوسطى …)
            ("region:central-asia", 6),
            // وأوروبا, والشرق الأوسط, بجنوب آسيا (paragraph 6)
            ("region:europe", 1),
            ("region:middle-east", 1),
            ("region:south-asia", 1),
        ]
    );
    // every آسيا belongs to a longer name
    assert!(!c.contains_key("region:asia"));
    let forms: Vec<&str> = ms
        .iter()
        .filter(|m| m.0.starts_with("country:") && m.0 != "country:IND")
        .map(|m| m.1.as_str())
        .collect();
    assert_eq!(
        forms,
        ["كازاخستان", "وقيرغيزستان", "وطاجيكستان", "وتركمانستان", "وأوزبكستان", "أفغانستان"]
    );
}

#[test]
fn themes_found() {
    let c = counts(&sample_mentions());
    // الإرهاب ×8 and التطرف
    assert_eq!(c.get("theme:terrorism"), Some(&9));
    // السيبراني ×3, السيبرانية, سيبرانية, والقرصنة الإلكترونية, والهجمات الإلكترونية,
    // والجرائم الإلكترونية ×2
    assert_eq!(c.get("theme:cyber-security"), Some(&9));
    for t in ["defence", "connectivity", "diplomacy", "drug-trafficking", "technology", "trade"] {
        assert!(c.contains_key(&format!("theme:{t}")), "{t}");
    }
    assert!(!c.contains_key("theme:migration"));
    assert!(!c.contains_key("theme:energy"));
}
