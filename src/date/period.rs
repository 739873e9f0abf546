//! Periods: a date's year, quarter, month, ISO week or day, with labels, a total order and
//! complete series (every period between the first and the last, empty ones included), for
//! `--by date:month` and time series.
//!
//! | granularity | label | covers |
//! |---|---|---|
//! | `year` | `2018` | 1 January – 31 December |
//! | `quarter` | `2018-Q1` | Q1 = January–March, Q2 = April–June, Q3 = July–September, Q4 = October–December |
//! | `month` | `2018-03` | the calendar month |
//! | `week` | `2018-W09` | ISO 8601 week: Monday–Sunday, numbered in the **ISO week-numbering year**: week 1 is the week holding the year's first Thursday (equivalently 4 January), so 2018-12-31 is in `2019-W01` and 2021-01-03 in `2020-W53`; a year has 52 or 53 weeks |
//! | `day` | `2018-03-01` | the day |
//!
//! A date is placed by its calendar date **as written** (the publication's local date;
//! [`super::DateBasis`]). Years are written with four digits (zero-padded below 1000).
//!
//! Periods of one granularity are numbered consecutively ([`Period::index`]), so a series
//! is a range of indexes and sorting by [`Period`] is sorting by time.

use super::{Date, DateBasis, DateValue, Precision, Weekday};
use std::collections::BTreeMap;

/// The size of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Granularity {
    /// Calendar year.
    Year,
    /// Calendar quarter (three months from January, April, July, October).
    Quarter,
    /// Calendar month.
    Month,
    /// ISO 8601 week (Monday to Sunday) of the ISO week-numbering year.
    Week,
    /// Day.
    Day,
}

impl Granularity {
    /// Every granularity, coarsest first.
    pub const ALL: [Granularity; 5] = [
        Granularity::Year,
        Granularity::Quarter,
        Granularity::Month,
        Granularity::Week,
        Granularity::Day,
    ];

    /// `year`, `quarter`, `month`, `week` or `day`.
    pub fn name(self) -> &'static str {
        match self {
            Granularity::Year => "year",
            Granularity::Quarter => "quarter",
            Granularity::Month => "month",
            Granularity::Week => "week",
            Granularity::Day => "day",
        }
    }

    /// The granularity named `name` (`year`, `quarter`, `month`, `week`, `day`; ASCII case
    /// ignored), or `None`.
    pub fn from_name(name: &str) -> Option<Granularity> {
        Granularity::ALL.into_iter().find(|g| g.name().eq_ignore_ascii_case(name))
    }

    /// The least precision a date needs to be placed in a period of this size.
    pub fn needs(self) -> Precision {
        match self {
            Granularity::Year => Precision::Year,
            Granularity::Quarter | Granularity::Month => Precision::Month,
            Granularity::Week | Granularity::Day => Precision::Day,
        }
    }
}

impl std::fmt::Display for Granularity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One period. Ordered by granularity, then by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    granularity: Granularity,
    index: i32,
}

/// 1970-01-01 (day 0 of [`day_number`]).
const EPOCH: Date = Date::constant(1970, 1, 1);
/// Day number of Monday 1970-01-05, the start of week index 0.
const FIRST_MONDAY: i32 = 4;

/// Days from 1970-01-01 to `date` (negative before).
pub fn day_number(date: Date) -> i32 {
    date.duration_since(EPOCH).as_secs().div_euclid(86_400) as i32
}

/// The date `n` days after 1970-01-01, or `None` outside jiff's range (years −9999..=9999).
pub fn date_of_day_number(n: i32) -> Option<Date> {
    EPOCH.checked_add(jiff::Span::new().try_days(n).ok()?).ok()
}

impl Period {
    /// The period of granularity `granularity` holding `date`.
    pub fn of(date: Date, granularity: Granularity) -> Period {
        let y = i32::from(date.year());
        let m = i32::from(date.month());
        let index = match granularity {
            Granularity::Year => y,
            Granularity::Quarter => y * 4 + (m - 1) / 3,
            Granularity::Month => y * 12 + m - 1,
            Granularity::Week => {
                let monday = day_number(date) - i32::from(date.weekday().to_monday_zero_offset());
                (monday - FIRST_MONDAY).div_euclid(7)
            }
            Granularity::Day => day_number(date),
        };
        Period { granularity, index }
    }

    /// The period of a parsed date on `basis` (see [`DateValue::date_in`]).
    ///
    /// # Errors
    ///
    /// A message when the value is less precise than the granularity needs (a month-only
    /// date cannot go into a week, a year-only date into a quarter).
    pub fn of_value(
        value: &DateValue,
        granularity: Granularity,
        basis: DateBasis,
    ) -> Result<Period, String> {
        if value.precision < granularity.needs() {
            let has = match value.precision {
                Precision::Year => "only a year",
                Precision::Month => "only a year and a month",
                Precision::Day => "a day",
            };
            return Err(format!("the date has {has}; it cannot be placed in a {granularity}"));
        }
        Ok(Period::of(value.date_in(basis), granularity))
    }

    /// Its granularity.
    pub fn granularity(self) -> Granularity {
        self.granularity
    }

    /// Its position among the periods of its granularity: consecutive periods have
    /// consecutive indexes (year: the year; quarter: 4·year + quarter − 1; month:
    /// 12·year + month − 1; week: weeks since the week of Monday 1970-01-05; day: days since
    /// 1970-01-01).
    pub fn index(self) -> i32 {
        self.index
    }

    /// The period with this index, or `None` outside the supported dates (years
    /// −9999..=9999).
    pub fn from_index(granularity: Granularity, index: i32) -> Option<Period> {
        let p = Period { granularity, index };
        p.try_start().and(p.try_end()).map(|_| p)
    }

    fn try_start(self) -> Option<Date> {
        let ym = |y: i32, m: i32| {
            let y = i16::try_from(y).ok()?;
            Date::new(y, m as i8, 1).ok()
        };
        match self.granularity {
            Granularity::Year => ym(self.index, 1),
            Granularity::Quarter => ym(self.index.div_euclid(4), self.index.rem_euclid(4) * 3 + 1),
            Granularity::Month => ym(self.index.div_euclid(12), self.index.rem_euclid(12) + 1),
            Granularity::Week => {
                date_of_day_number(self.index.checked_mul(7)?.checked_add(FIRST_MONDAY)?)
            }
            Granularity::Day => date_of_day_number(self.index),
        }
    }

    fn try_end(self) -> Option<Date> {
        let start = self.try_start()?;
        match self.granularity {
            Granularity::Year => Some(start.last_of_year()),
            Granularity::Quarter => {
                start.checked_add(jiff::Span::new().months(2)).ok().map(Date::last_of_month)
            }
            Granularity::Month => Some(start.last_of_month()),
            Granularity::Week => start.checked_add(jiff::Span::new().days(6)).ok(),
            Granularity::Day => Some(start),
        }
    }

    /// First day of the period.
    pub fn start(self) -> Date {
        self.try_start().unwrap_or(Date::MIN)
    }

    /// Last day of the period (inclusive).
    pub fn end(self) -> Date {
        self.try_end().unwrap_or(Date::MAX)
    }

    /// True when `date` lies in the period.
    pub fn contains(self, date: Date) -> bool {
        Period::of(date, self.granularity) == self
    }

    /// The next period, or `None` past the supported dates.
    pub fn next(self) -> Option<Period> {
        Period::from_index(self.granularity, self.index.checked_add(1)?)
    }

    /// The label: `2018`, `2018-Q1`, `2018-03`, `2018-W09` (ISO week-numbering year),
    /// `2018-03-01`.
    pub fn label(self) -> String {
        self.to_string()
    }

    /// Reads a label written as [`Period::label`] writes it; the form gives the granularity
    /// (`YYYY`, `YYYY-Qn`, `YYYY-MM`, `YYYY-Www`, `YYYY-MM-DD`; `q` and `w` in either case).
    ///
    /// # Errors
    ///
    /// A [`LabelError`] with the 1-based character column of the problem: a malformed label,
    /// or a month, day, quarter or week out of range (`2018-13` → column 6: month 13 out of
    /// range).
    pub fn parse(label: &str) -> Result<Period, LabelError> {
        let err = |column: usize, message: String| LabelError { column, message };
        let b = label.as_bytes();
        let digits = |from: usize, n: usize| {
            b.len() >= from + n && b[from..from + n].iter().all(u8::is_ascii_digit)
        };
        let value = |from: usize, n: usize| super::num(&label[from..from + n]);
        let shape = "expected a date or period: YYYY, YYYY-Qn, YYYY-MM, YYYY-Www or YYYY-MM-DD";
        if !digits(0, 4) {
            return Err(err(1, shape.to_string()));
        }
        let year = value(0, 4);
        if year == 0 {
            return Err(err(1, "year 0000 out of range (0001–9999)".to_string()));
        }
        if b.len() == 4 {
            return Ok(Period { granularity: Granularity::Year, index: year as i32 });
        }
        if b[4] != b'-' {
            return Err(err(5, shape.to_string()));
        }
        match b.get(5) {
            Some(b'Q' | b'q') if b.len() == 7 && digits(6, 1) => {
                let q = value(6, 1);
                if !(1..=4).contains(&q) {
                    return Err(err(7, format!("quarter {q} out of range (1–4)")));
                }
                Ok(Period { granularity: Granularity::Quarter, index: (year * 4 + q - 1) as i32 })
            }
            Some(b'W' | b'w') if b.len() == 8 && digits(6, 2) => {
                let week = value(6, 2);
                match super::iso_week_date(year, week, 1) {
                    Ok(monday) => Ok(Period::of(monday, Granularity::Week)),
                    Err(e) => Err(err(7, e.message().to_string())),
                }
            }
            _ if b.len() == 7 && digits(5, 2) => {
                let month = value(5, 2);
                if !(1..=12).contains(&month) {
                    return Err(err(6, format!("month {month} out of range (1–12)")));
                }
                Ok(Period {
                    granularity: Granularity::Month,
                    index: (year * 12 + month - 1) as i32,
                })
            }
            _ if b.len() == 10 && digits(5, 2) && b[7] == b'-' && digits(8, 2) => {
                let month = value(5, 2);
                if !(1..=12).contains(&month) {
                    return Err(err(6, format!("month {month} out of range (1–12)")));
                }
                match super::checked_date(year, month, value(8, 2)) {
                    Ok(date) => Ok(Period::of(date, Granularity::Day)),
                    Err(e) => Err(err(9, e.message().to_string())),
                }
            }
            _ => Err(err(6, shape.to_string())),
        }
    }
}

/// A label that [`Period::parse`] could not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelError {
    /// 1-based character column of the problem in the label.
    pub column: usize,
    /// What is wrong, e.g. `month 13 out of range (1–12)`.
    pub message: String,
}

impl std::fmt::Display for LabelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

impl std::error::Error for LabelError {}

fn year_label(f: &mut std::fmt::Formatter<'_>, year: i32) -> std::fmt::Result {
    if year < 0 { write!(f, "-{:04}", -year) } else { write!(f, "{year:04}") }
}

impl std::fmt::Display for Period {
    /// The label (see [`Period::label`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let start = self.start();
        match self.granularity {
            Granularity::Year => year_label(f, self.index),
            Granularity::Quarter => {
                year_label(f, self.index.div_euclid(4))?;
                write!(f, "-Q{}", self.index.rem_euclid(4) + 1)
            }
            Granularity::Month => {
                year_label(f, i32::from(start.year()))?;
                write!(f, "-{:02}", start.month())
            }
            Granularity::Week => {
                let iso = start.iso_week_date();
                debug_assert_eq!(iso.weekday(), Weekday::Monday);
                year_label(f, i32::from(iso.year()))?;
                write!(f, "-W{:02}", iso.week())
            }
            Granularity::Day => {
                year_label(f, i32::from(start.year()))?;
                write!(f, "-{:02}-{:02}", start.month(), start.day())
            }
        }
    }
}

/// Every period from `first` to `last` inclusive, in time order (empty when `last` is
/// before `first` or the granularities differ).
pub fn series(first: Period, last: Period) -> impl ExactSizeIterator<Item = Period> {
    let granularity = first.granularity;
    let end = if last.granularity == granularity { last.index } else { first.index - 1 };
    (first.index..end.saturating_add(1).max(first.index))
        .map(move |index| Period { granularity, index })
}

/// Number of periods from `first` to `last` inclusive (0 when `last` is before `first` or
/// the granularities differ). Check it before building a series from untrusted dates: a
/// stray epoch value can make a daily series span centuries.
pub fn series_len(first: Period, last: Period) -> u64 {
    if first.granularity != last.granularity || last.index < first.index {
        0
    } else {
        (i64::from(last.index) - i64::from(first.index) + 1) as u64
    }
}

/// The complete series of the periods in `values`: every period from the smallest to the
/// largest key, each with its value or `empty` where `values` has none.
///
/// # Errors
///
/// The series' length when it would exceed `max_len` periods, or when the keys mix
/// granularities (`u64::MAX` then).
pub fn complete<T: Clone>(
    values: &BTreeMap<Period, T>,
    empty: T,
    max_len: u64,
) -> Result<Vec<(Period, T)>, u64> {
    let (Some((&first, _)), Some((&last, _))) = (values.first_key_value(), values.last_key_value())
    else {
        return Ok(Vec::new());
    };
    if first.granularity != last.granularity {
        return Err(u64::MAX);
    }
    let len = series_len(first, last);
    if len > max_len {
        return Err(len);
    }
    Ok(series(first, last)
        .map(|p| (p, values.get(&p).cloned().unwrap_or_else(|| empty.clone())))
        .collect())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::constant(y, m, day)
    }

    fn label(date: Date, g: Granularity) -> String {
        Period::of(date, g).label()
    }

    #[test]
    fn labels_of_one_date() {
        let date = d(2018, 3, 1); // a Thursday
        assert_eq!(label(date, Granularity::Year), "2018");
        assert_eq!(label(date, Granularity::Quarter), "2018-Q1");
        assert_eq!(label(date, Granularity::Month), "2018-03");
        // 2018-01-01 is a Monday, so week 1 starts on it; 1 March is day 60 of the year,
        // in week ⌊(60 − 1)/7⌋ + 1 = 9.
        assert_eq!(label(date, Granularity::Week), "2018-W09");
        assert_eq!(label(date, Granularity::Day), "2018-03-01");
        assert_eq!(label(d(2018, 12, 31), Granularity::Quarter), "2018-Q4");
        assert_eq!(label(d(2018, 4, 1), Granularity::Quarter), "2018-Q2");
        assert_eq!(label(d(999, 5, 2), Granularity::Day), "0999-05-02");
    }

    #[test]
    fn iso_week_1_holds_4_january() {
        // 2015-01-01 is a Thursday: week 1 runs Mon 2014-12-29 – Sun 2015-01-04.
        assert_eq!(label(d(2014, 12, 29), Granularity::Week), "2015-W01");
        assert_eq!(label(d(2015, 1, 4), Granularity::Week), "2015-W01");
        assert_eq!(label(d(2015, 1, 5), Granularity::Week), "2015-W02");
        // 2016-01-01 is a Friday: it belongs to the last week of 2015, which has 53 weeks
        // (2015 starts on a Thursday).
        assert_eq!(label(d(2016, 1, 1), Granularity::Week), "2015-W53");
        assert_eq!(label(d(2016, 1, 3), Granularity::Week), "2015-W53");
        assert_eq!(label(d(2016, 1, 4), Granularity::Week), "2016-W01");
        // 2018-12-31 is a Monday; 2019-01-03 (Thursday) is in the same week: 2019-W01.
        assert_eq!(label(d(2018, 12, 31), Granularity::Week), "2019-W01");
        // 2020 is a leap year starting on a Wednesday: 53 weeks; 2021-01-03 is in W53.
        assert_eq!(label(d(2021, 1, 3), Granularity::Week), "2020-W53");
        assert_eq!(label(d(2020, 12, 28), Granularity::Week), "2020-W53");
        // Years before 1970 (negative week index) work the same: 1969-12-29 is a Monday,
        // and 1 January 1970 is a Thursday, so that week is 1970-W01.
        assert_eq!(label(d(1969, 12, 29), Granularity::Week), "1970-W01");
        assert_eq!(label(d(1969, 12, 28), Granularity::Week), "1969-W52");
    }

    #[test]
    fn week_periods_are_monday_to_sunday() {
        let p = Period::of(d(2018, 3, 1), Granularity::Week);
        assert_eq!(p.start(), d(2018, 2, 26));
        assert_eq!(p.end(), d(2018, 3, 4));
        assert_eq!(p.start().weekday(), Weekday::Monday);
        assert!(p.contains(d(2018, 3, 4)));
        assert!(!p.contains(d(2018, 3, 5)));
        assert_eq!(p.next().map(Period::label).as_deref(), Some("2018-W10"));
    }

    #[test]
    fn leap_day_and_period_ends() {
        let feb = Period::of(d(2016, 2, 29), Granularity::Month);
        assert_eq!((feb.start(), feb.end()), (d(2016, 2, 1), d(2016, 2, 29)));
        let feb = Period::of(d(2018, 2, 10), Granularity::Month);
        assert_eq!(feb.end(), d(2018, 2, 28));
        let q = Period::of(d(2016, 2, 29), Granularity::Quarter);
        assert_eq!((q.start(), q.end()), (d(2016, 1, 1), d(2016, 3, 31)));
        let q4 = Period::of(d(2016, 11, 5), Granularity::Quarter);
        assert_eq!((q4.start(), q4.end()), (d(2016, 10, 1), d(2016, 12, 31)));
        assert_eq!(Period::of(d(2016, 2, 29), Granularity::Day).label(), "2016-02-29");
        assert_eq!(Period::of(d(2016, 2, 29), Granularity::Week).label(), "2016-W09");
    }

    #[test]
    fn order_is_time_order() {
        let a = Period::of(d(2017, 12, 31), Granularity::Month);
        let b = Period::of(d(2018, 1, 1), Granularity::Month);
        assert!(a < b);
        assert_eq!(b.index() - a.index(), 1);
        let w1 = Period::of(d(2015, 12, 31), Granularity::Week); // 2015-W53
        let w2 = Period::of(d(2016, 1, 4), Granularity::Week); // 2016-W01
        assert_eq!(w2.index() - w1.index(), 1);
    }

    #[test]
    fn complete_series_has_empty_periods() {
        // Documents in January, (none in February), March 2018: three months.
        let mut counts = BTreeMap::new();
        counts.insert(Period::of(d(2018, 3, 9), Granularity::Month), 2u32);
        counts.insert(Period::of(d(2018, 1, 20), Granularity::Month), 5u32);
        let s = complete(&counts, 0, 1000).unwrap();
        let got: Vec<(String, u32)> = s.into_iter().map(|(p, c)| (p.label(), c)).collect();
        assert_eq!(got, vec![("2018-01".into(), 5), ("2018-02".into(), 0), ("2018-03".into(), 2)]);
        // Across the 2015/2016 week boundary: W52, W53, W01.
        let mut weeks = BTreeMap::new();
        weeks.insert(Period::of(d(2015, 12, 21), Granularity::Week), 1u32);
        weeks.insert(Period::of(d(2016, 1, 4), Granularity::Week), 1u32);
        let labels: Vec<String> =
            complete(&weeks, 0, 10).unwrap().into_iter().map(|(p, _)| p.label()).collect();
        assert_eq!(labels, vec!["2015-W52", "2015-W53", "2016-W01"]);
        // Too long: 1970-01-01 to 2018-01-01 is 48·365 + 12 leap days (1972…2016) = 17532
        // days apart, 17533 days inclusive.
        let mut days = BTreeMap::new();
        days.insert(Period::of(d(1970, 1, 1), Granularity::Day), 1u32);
        days.insert(Period::of(d(2018, 1, 1), Granularity::Day), 1u32);
        assert_eq!(complete(&days, 0, 1000), Err(17_533));
        assert_eq!(complete(&BTreeMap::<Period, u32>::new(), 0, 10), Ok(vec![]));
    }

    #[test]
    fn series_len_and_mixed_granularities() {
        let a = Period::of(d(2018, 1, 1), Granularity::Quarter);
        let b = Period::of(d(2019, 12, 31), Granularity::Quarter);
        assert_eq!(series_len(a, b), 8);
        assert_eq!(series(a, b).len(), 8);
        assert_eq!(series_len(b, a), 0);
        assert_eq!(series(b, a).len(), 0);
        let m = Period::of(d(2018, 1, 1), Granularity::Month);
        assert_eq!(series_len(a, m), 0);
        assert_eq!(series(a, m).len(), 0);
    }

    #[test]
    fn parse_labels() {
        for label in ["2018", "2018-Q1", "2018-03", "2018-W09", "2018-03-01", "2015-W53"] {
            assert_eq!(Period::parse(label).map(Period::label).as_deref(), Ok(label));
        }
        assert_eq!(Period::parse("2018-q4").unwrap().granularity(), Granularity::Quarter);
        let e = |s: &str| Period::parse(s).unwrap_err();
        assert_eq!(e("2018-13").to_string(), "column 6: month 13 out of range (1–12)");
        assert_eq!(e("2018-13-01").column, 6);
        assert_eq!(e("2018-02-29").to_string(), "column 9: day 29 out of range for 2018-02 (1–28)");
        assert_eq!(e("2018-Q5").column, 7);
        // 2018 has 52 ISO weeks.
        assert_eq!(e("2018-W53").to_string(), "column 7: week 53 out of range for 2018 (1–52)");
        assert_eq!(e("18-03").column, 1);
        assert_eq!(e("2018/03").column, 5);
        assert_eq!(e("2018-3").column, 6);
        assert_eq!(e("0000").column, 1);
    }

    #[test]
    fn precision_is_checked() {
        let v = crate::date::parse("2018-03", &Default::default()).unwrap();
        assert_eq!(
            Period::of_value(&v, Granularity::Quarter, DateBasis::Local).map(Period::label),
            Ok("2018-Q1".to_string())
        );
        assert!(Period::of_value(&v, Granularity::Week, DateBasis::Local).is_err());
        let y = crate::date::parse("2018", &Default::default()).unwrap();
        assert!(Period::of_value(&y, Granularity::Year, DateBasis::Local).is_ok());
        assert!(Period::of_value(&y, Granularity::Month, DateBasis::Local).is_err());
    }

    #[test]
    fn zones_crossing_midnight() {
        // 02:34 at +04:00 on 1 March is 22:34 UTC on 28 February: the local date (the
        // default) puts it in March and in 2018-W09; UTC in February and in 2018-W09 too
        // (26 Feb – 4 Mar); the day differs.
        let v = crate::date::parse("Thu, 01 Mar 2018 02:34:05 +0400", &Default::default()).unwrap();
        let at = |g, basis| Period::of_value(&v, g, basis).unwrap().label();
        assert_eq!(at(Granularity::Month, DateBasis::Local), "2018-03");
        assert_eq!(at(Granularity::Month, DateBasis::Utc), "2018-02");
        assert_eq!(at(Granularity::Day, DateBasis::Local), "2018-03-01");
        assert_eq!(at(Granularity::Day, DateBasis::Utc), "2018-02-28");
        // New Year's Eve at −05:00 is already 1 January in UTC: another year.
        let v = crate::date::parse("2018-12-31T20:00:00-05:00", &Default::default()).unwrap();
        assert_eq!(
            Period::of_value(&v, Granularity::Year, DateBasis::Local).unwrap().label(),
            "2018"
        );
        assert_eq!(
            Period::of_value(&v, Granularity::Year, DateBasis::Utc).unwrap().label(),
            "2019"
        );
    }

    #[test]
    fn extremes() {
        assert!(Period::from_index(Granularity::Year, 10_000).is_none());
        assert!(Period::from_index(Granularity::Year, 9999).is_some());
        let last = Period::of(Date::MAX, Granularity::Day);
        assert_eq!(last.next(), None);
        assert_eq!(Period::of(Date::MIN, Granularity::Year).label(), "-9999");
        let w = Period::of(d(9999, 12, 31), Granularity::Week);
        assert_eq!(w.start(), d(9999, 12, 27));
        // The week's Sunday lies past 9999-12-31: from_index refuses the period.
        assert!(Period::from_index(Granularity::Week, w.index()).is_none());
    }
}
