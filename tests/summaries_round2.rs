//! Key sentences, round 2: shared case `22-duplicate-key-sentences` (a summary never repeats
//! a sentence or a near copy, MMR-style; Carbonell & Goldstein 1998).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod common;
use common::{case, tahlil};

/// The key sentences of the only document of `file` with `--summary-sentences k`.
fn summary(file: &str, k: &str) -> Vec<String> {
    let run = tahlil(&["sections", file, "--format", "json", "--summary-sentences", k]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    v["documents"][0]["summary"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

const INDIA: &str = "أعلنت الحكومة الهندية اليوم خطة جديدة للطاقة.";
const RUSSIA: &str = "وقال وزير الخارجية إن روسيا شريك مهم في مجال الدفاع.";
const CHINA: &str = "وتتوقع الشركات نموا في التجارة مع الصين.";

/// The case's paragraph: the India sentence three times, then the Russia and China ones.
/// Two key sentences are two different sentences, the India one once; three are the three
/// different sentences (there are no more), in document order.
#[test]
fn case22_duplicate_key_sentences() {
    let f = case("22-duplicate-key-sentences.input");
    let two = summary(&f, "2");
    assert_eq!(two.len(), 2, "{two:?}");
    assert_ne!(two[0], two[1]);
    assert_eq!(two.iter().filter(|s| *s == INDIA).count(), 1, "{two:?}");
    assert_eq!(summary(&f, "3"), [INDIA, RUSSIA, CHINA]);
    // asking for more cannot bring a copy back
    assert_eq!(summary(&f, "5"), [INDIA, RUSSIA, CHINA]);
}

/// Near copies: the same words in another order, or with one word more out of many (term
/// vectors with cosine ≥ 0.9), count as copies; a sentence sharing half its terms does not.
#[test]
fn near_copies_are_dropped_too() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("near.txt");
    // 1: 8 terms; 2: the same 8 terms reordered (cosine 1); 3: the 8 terms and one more
    // (cosine 8/√(8·9) = 0.943); 4: 4 of the 8 terms and 4 others (cosine 4/8 = 0.5)
    let a = "افتتح الرئيس المصري محطة الطاقة الشمسية الجديدة بمدينة أسوان";
    let b = "بمدينة أسوان افتتح الرئيس المصري محطة الطاقة الشمسية الجديدة";
    let c = "افتتح الرئيس المصري محطة الطاقة الشمسية الجديدة بمدينة أسوان صباحا";
    let d = "افتتح الرئيس المصري محطة قطار سريع للركاب والبضائع";
    std::fs::write(&f, format!("عنوان\n\n{a}. {b}. {c}. {d}.\n")).unwrap();
    let got = summary(f.to_str().unwrap(), "4");
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1], format!("{d}."));
}
