//! Every `date` of the ANT corpus (../shared/corpora/ant-multisource/*.jsonl) parses, and its
//! periods match the figures worked out independently with Python's
//! `email.utils.parsedate_to_datetime` (local date as written; see the comments).
//!
//! Skipped, with a message on stderr, when the corpus is absent.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;
use tahlil::date::period::{Granularity, Period, complete};
use tahlil::date::{Date, DateBasis, Form, ParseOptions, parse};

#[derive(serde::Deserialize)]
struct Record {
    source: String,
    date: String,
}

fn records() -> Option<Vec<Record>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/ant-multisource");
    if !dir.is_dir() {
        eprintln!("dates_ant: {} is absent; skipping the ANT date checks", dir.display());
        return None;
    }
    let mut out = Vec::new();
    for name in ["alarabia", "bbc", "cnn", "france24", "skynews"] {
        let path = dir.join(format!("{name}.jsonl"));
        let file = std::fs::File::open(&path).ok()?;
        for line in std::io::BufReader::new(file).lines() {
            let line = line.ok()?;
            if !line.trim().is_empty() {
                out.push(serde_json::from_str(&line).ok()?);
            }
        }
    }
    Some(out)
}

#[test]
fn every_ant_date_parses_with_the_expected_ranges_and_periods() {
    let Some(records) = records() else { return };
    assert_eq!(records.len(), 31_525);
    let options = ParseOptions::default();
    // source → (documents, earliest, latest)
    let mut by_source: BTreeMap<String, (usize, Date, Date)> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut months: BTreeMap<Period, u32> = BTreeMap::new();
    let mut months_utc: BTreeMap<Period, u32> = BTreeMap::new();
    let mut weeks: BTreeMap<Period, u32> = BTreeMap::new();
    let mut before_2018: BTreeMap<(String, i16), u32> = BTreeMap::new();
    let mut local_differs_from_utc = 0;
    for r in &records {
        let v = match parse(&r.date, &options) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{}: {e}", r.date));
                continue;
            }
        };
        assert_eq!(v.form, Form::Rfc2822, "{}", r.date);
        assert!(v.offset.is_some(), "{}", r.date);
        let local = v.date_in(DateBasis::Local);
        let utc = v.date_in(DateBasis::Utc);
        local_differs_from_utc += usize::from(local != utc);
        let e = by_source.entry(r.source.clone()).or_insert((0, local, local));
        e.0 += 1;
        e.1 = e.1.min(local);
        e.2 = e.2.max(local);
        *months.entry(Period::of(local, Granularity::Month)).or_default() += 1;
        *months_utc.entry(Period::of(utc, Granularity::Month)).or_default() += 1;
        *weeks.entry(Period::of(local, Granularity::Week)).or_default() += 1;
        if local.year() < 2018 {
            *before_2018.entry((r.source.clone(), local.year())).or_default() += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} unparsable: {:?}",
        failures.len(),
        &failures[..failures.len().min(10)]
    );

    let summary: Vec<(String, usize, String, String)> = by_source
        .iter()
        .map(|(s, (n, a, b))| (s.clone(), *n, a.to_string(), b.to_string()))
        .collect();
    for row in &summary {
        eprintln!("dates_ant: {row:?}");
    }
    let row =
        |s: &str, n: usize, a: &str, b: &str| (s.to_string(), n, a.to_string(), b.to_string());
    assert_eq!(
        summary,
        vec![
            row("BBC", 3815, "2018-01-12", "2018-10-20"),
            row("CNN", 3507, "2018-02-04", "2018-10-20"),
            row("alarabia", 6519, "2012-10-11", "2018-08-06"),
            row("france24", 3976, "2018-01-10", "2018-08-19"),
            row("skynews", 13708, "2018-02-14", "2018-10-20"),
        ]
    );
    // The older Al Arabiya items: 70 from 2012–2014 and 3 from 2017 (SOURCE.md's "70
    // items, 2012–2017" counts the first group); no other source has any before 2018.
    let old: Vec<((String, i16), u32)> = before_2018.into_iter().collect();
    let al = |y: i16, n: u32| (("alarabia".to_string(), y), n);
    assert_eq!(old, vec![al(2012, 12), al(2013, 28), al(2014, 30), al(2017, 3)]);

    // Months by local date, as Python counts them.
    let got: Vec<(String, u32)> = months.iter().map(|(p, n)| (p.label(), *n)).collect();
    let want: Vec<(&str, u32)> = vec![
        ("2012-10", 5),
        ("2012-11", 2),
        ("2012-12", 5),
        ("2013-01", 2),
        ("2013-02", 1),
        ("2013-04", 1),
        ("2013-05", 1),
        ("2013-07", 3),
        ("2013-12", 20),
        ("2014-01", 19),
        ("2014-02", 10),
        ("2014-03", 1),
        ("2017-02", 1),
        ("2017-11", 1),
        ("2017-12", 1),
        ("2018-01", 85),
        ("2018-02", 2291),
        ("2018-03", 4922),
        ("2018-04", 4798),
        ("2018-05", 5389),
        ("2018-06", 4683),
        ("2018-07", 3581),
        ("2018-08", 2209),
        ("2018-09", 1411),
        ("2018-10", 2083),
    ];
    let want: Vec<(String, u32)> = want.into_iter().map(|(l, n)| (l.to_string(), n)).collect();
    assert_eq!(got, want);
    // The complete series runs from 2012-10 to 2018-10: 6 years and 1 month = 73 months,
    // 48 of them empty.
    let series = complete(&months, 0, 10_000).unwrap_or_default();
    assert_eq!(series.len(), 73);
    assert_eq!(series.iter().filter(|(_, n)| *n == 0).count(), 48);
    assert_eq!(series.first().map(|(p, _)| p.label()).as_deref(), Some("2012-10"));
    assert_eq!(series.last().map(|(p, _)| p.label()).as_deref(), Some("2018-10"));
    // 688 articles have another date in UTC than as written (Al Arabiya's +04:00 after
    // midnight); six months differ in count.
    assert_eq!(local_differs_from_utc, 688);
    let diff: Vec<(String, u32, u32)> = months
        .keys()
        .chain(months_utc.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|p| months.get(p) != months_utc.get(p))
        .map(|p| {
            (
                p.label(),
                months.get(p).copied().unwrap_or(0),
                months_utc.get(p).copied().unwrap_or(0),
            )
        })
        .collect();
    let d = |l: &str, a: u32, b: u32| (l.to_string(), a, b);
    assert_eq!(
        diff,
        vec![
            d("2018-02", 2291, 2297),
            d("2018-03", 4922, 4920),
            d("2018-04", 4798, 4797),
            d("2018-05", 5389, 5393),
            d("2018-06", 4683, 4679),
            d("2018-07", 3581, 3578),
        ]
    );
    // 66 distinct ISO weeks, from 2012-W41 to 2018-W42 (Python's date.isocalendar()).
    assert_eq!(weeks.len(), 66);
    assert_eq!(weeks.keys().next().map(|p| p.label()).as_deref(), Some("2012-W41"));
    assert_eq!(weeks.keys().last().map(|p| p.label()).as_deref(), Some("2018-W42"));
}
