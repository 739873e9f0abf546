//! Helpers shared by the summarisation examples (`easc_eval`, `ant_train`): documents as
//! ranking units plus ROUGE tokens, the TextRank baseline, the greedy ROUGE oracle and
//! bootstrap intervals.
#![allow(dead_code, clippy::needless_range_loop)]

use std::ops::Range;
use tahlil::analysis::summarize::{IdSentences, Rouge, rouge_l, rouge_n, section_unit};
use tahlil::structure::{HeadingMode, Section, StructureOptions, parse};
use tahlil::text::hashed::Interner;
use tahlil::text::{Pipeline, Preset, Role, Scratch, TextOptions, TokenKind};

/// The pipelines: terms for the rankers (`standard`, default stopwords, numbers), ROUGE
/// tokens (`standard`, stopwords kept, numbers).
pub struct Pipes {
    pub terms: Pipeline,
    pub rouge: Pipeline,
}

impl Pipes {
    pub fn new() -> anyhow::Result<Self> {
        Ok(Pipes {
            terms: Pipeline::new(&TextOptions {
                normalize: Preset::Standard,
                numbers: true,
                ..Default::default()
            })?,
            rouge: Pipeline::new(&TextOptions {
                normalize: Preset::Standard,
                numbers: true,
                ..Default::default()
            })?,
        })
    }
}

/// ROUGE tokens of `text[span]`: the `standard` forms of word and number tokens, each with
/// a flag "is a stopword" (default list), interned in `vocab`.
pub fn rouge_tokens(
    p: &Pipeline,
    text: &str,
    span: Range<usize>,
    vocab: &mut Interner,
    sc: &mut Scratch,
) -> Vec<(u32, bool)> {
    let mut v = Vec::new();
    p.terms(text, span, sc, |t| {
        if matches!(t.kind, TokenKind::Word | TokenKind::Number) && t.role != Role::Excluded {
            v.push((vocab.intern(t.norm), t.role == Role::Stopword));
        }
    });
    v
}

/// One document ready for evaluation: its ranking unit (the whole text as one section, no
/// headings) and the ROUGE tokens of each sentence and of each reference.
pub struct EvalDoc {
    pub id: String,
    pub unit: IdSentences,
    pub spans: Vec<Range<usize>>,
    pub sent_tokens: Vec<Vec<(u32, bool)>>,
    pub refs: Vec<Vec<(u32, bool)>>,
}

impl EvalDoc {
    pub fn words(&self) -> &[usize] {
        self.unit.words()
    }
}

/// Builds an [`EvalDoc`] from `text` (one paragraph per line), its title and references.
#[allow(clippy::too_many_arguments)]
pub fn eval_doc(
    pipes: &Pipes,
    id: &str,
    text: &str,
    title: Option<&str>,
    refs: &[&str],
    keys: &mut Interner,
    vocab: &mut Interner,
    sc: &mut Scratch,
) -> EvalDoc {
    let st = parse(
        text,
        &StructureOptions {
            headings: HeadingMode::None,
            has_title_field: true,
            ..Default::default()
        },
    );
    let section = Section {
        heading: None,
        paragraphs: st.sections.into_iter().flat_map(|s| s.paragraphs).collect(),
    };
    let unit = section_unit(&pipes.terms, text, title, &section, keys, sc);
    let spans: Vec<Range<usize>> =
        section.paragraphs.iter().flat_map(|p| p.sentences.iter().cloned()).collect();
    let sent_tokens =
        spans.iter().map(|s| rouge_tokens(&pipes.rouge, text, s.clone(), vocab, sc)).collect();
    let refs = refs.iter().map(|r| rouge_tokens(&pipes.rouge, r, 0..r.len(), vocab, sc)).collect();
    EvalDoc { id: id.to_string(), unit, spans, sent_tokens, refs }
}

/// ROUGE-1, ROUGE-2, ROUGE-L F1 of the chosen sentences against one reference; with
/// `stopwords` false, stopwords are dropped from both sides first.
pub fn rouge3(
    d: &EvalDoc,
    chosen: &[usize],
    reference: &[(u32, bool)],
    stopwords: bool,
) -> [f64; 3] {
    let keep = |t: &&(u32, bool)| stopwords || !t.1;
    let cand: Vec<u32> =
        chosen.iter().flat_map(|&i| d.sent_tokens[i].iter().filter(keep).map(|t| t.0)).collect();
    let r: Vec<u32> = reference.iter().filter(keep).map(|t| t.0).collect();
    let f = |x: Rouge| x.f1;
    [f(rouge_n(&cand, &r, 1)), f(rouge_n(&cand, &r, 2)), f(rouge_l(&cand, &r))]
}

/// [`rouge3`] averaged over the document's references.
pub fn rouge_doc(d: &EvalDoc, chosen: &[usize], stopwords: bool) -> [f64; 3] {
    let mut acc = [0.0; 3];
    for r in &d.refs {
        let x = rouge3(d, chosen, r, stopwords);
        for k in 0..3 {
            acc[k] += x[k];
        }
    }
    let n = d.refs.len().max(1) as f64;
    acc.map(|a| a / n)
}

/// TextRank (R. Mihalcea and P. Tarau, 2004, "TextRank: Bringing Order into Texts",
/// EMNLP): sentence similarity = shared terms / (ln|S_i| + ln|S_j|) over the sentences'
/// term keys, PageRank with d = 0.85 on the weighted graph, uniform teleport, 200
/// iterations at most.
pub fn textrank_scores(unit: &IdSentences) -> Vec<f64> {
    let n = unit.len();
    let sets: Vec<Vec<u32>> = (0..n)
        .map(|i| {
            let mut v = unit.terms(i).to_vec();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let lens: Vec<usize> = (0..n).map(|i| unit.terms(i).len()).collect();
    let mut w = vec![vec![0.0f64; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            let shared = sets[i].iter().filter(|k| sets[j].binary_search(k).is_ok()).count();
            let den = (lens[i] as f64).ln() + (lens[j] as f64).ln();
            if shared > 0 && den > 0.0 {
                w[i][j] = shared as f64 / den;
                w[j][i] = w[i][j];
            }
        }
    }
    let out: Vec<f64> = w.iter().map(|r| r.iter().sum()).collect();
    let mut p = vec![1.0 / n.max(1) as f64; n];
    for _ in 0..200 {
        let mut next = vec![0.15 / n as f64; n];
        for j in 0..n {
            if out[j] > 0.0 {
                for i in 0..n {
                    next[i] += 0.85 * p[j] * w[j][i] / out[j];
                }
            } else {
                for x in next.iter_mut() {
                    *x += 0.85 * p[j] / n as f64;
                }
            }
        }
        let delta: f64 = next.iter().zip(&p).map(|(a, b)| (a - b).abs()).sum();
        p = next;
        if delta < 1e-7 {
            break;
        }
    }
    p
}

/// Greedy ROUGE oracle (R. Nallapati, F. Zhai and B. Zhou, 2017, "SummaRuNNer", AAAI):
/// adds the sentence that most raises the mean of ROUGE-1 and ROUGE-2 F1 against the
/// references (stopwords kept), while it rises and the next sentence fits `max_words`.
pub fn greedy_oracle(d: &EvalDoc, max_words: f64) -> Vec<usize> {
    let mut chosen: Vec<usize> = Vec::new();
    let mut best = 0.0;
    let mut used = 0usize;
    loop {
        let mut step: Option<(usize, f64)> = None;
        for i in 0..d.unit.len() {
            if chosen.contains(&i) || d.words()[i] == 0 || (used + d.words()[i]) as f64 > max_words
            {
                continue;
            }
            let mut c = chosen.clone();
            c.push(i);
            c.sort_unstable();
            let r = rouge_doc(d, &c, true);
            let v = (r[0] + r[1]) / 2.0;
            if step.is_none_or(|(_, b)| v > b) {
                step = Some((i, v));
            }
        }
        match step {
            Some((i, v)) if v > best => {
                best = v;
                used += d.words()[i];
                chosen.push(i);
            }
            _ => break,
        }
    }
    chosen.sort_unstable();
    chosen
}

/// xorshift64 with a fixed seed: the bootstrap's resampling.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn below(&mut self, n: usize) -> usize {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        (x % n as u64) as usize
    }
}

/// Percentile bootstrap 95 % interval of the mean of `v` (B. Efron and R. Tibshirani,
/// 1993): 10,000 resamples of the items with replacement, fixed seed; the 2.5th and 97.5th
/// percentiles of the resampled means.
pub fn bootstrap(v: &[f64]) -> (f64, f64) {
    let n = v.len().max(1);
    let mut rng = Rng::new(0x2545_F491_4F6C_DD1D);
    let mut means: Vec<f64> =
        (0..10_000).map(|_| (0..n).map(|_| v[rng.below(n)]).sum::<f64>() / n as f64).collect();
    means.sort_by(f64::total_cmp);
    (means[250], means[9_749])
}

/// 64-bit FNV-1a of `s`: splits ANT documents into fixed buckets by id.
pub fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The bucket (0–9) of an ANT document id: 0–5 train the summary ranker (5: its
/// validation), 6–7 tune the heading rules, 8–9 are the held-out heading set.
pub fn bucket(id: &str) -> u64 {
    fnv1a(id) % 10
}
