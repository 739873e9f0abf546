//! Dates in document metadata: [`parse`] turns a date string (a JSONL/CSV field such as
//! `date`) into a calendar date, and [`period`] places dates into years, quarters, months,
//! ISO weeks or days.
//!
//! # What is recognised
//!
//! The input is first cleaned: Arabic-Indic (U+0660–0669) and Persian (U+06F0–06F9) digits
//! become ASCII digits; tashkeel (U+064B–065F, U+0670), tatweel, bidi controls (LRM, RLM, ALM,
//! U+202A–202E, U+2066–2069), zero-width joiners and byte-order marks are removed; the Arabic
//! comma `،` becomes `,`, the Arabic date separator `؍` becomes `/`, the Arabic decimal
//! separator `٫` becomes `.`, no-break and other spaces become spaces and dashes (U+2010–2015,
//! U+2212) become `-`. Leading and trailing space is ignored. Then, in this order:
//!
//! 1. **A bare number** (ASCII digits only, after the cleaning) is recognised by its number
//!    of digits: 4 → a year (`2018`: year precision); 8 → `YYYYMMDD` (ISO 8601 basic date);
//!    9–10 → Unix epoch **seconds** (9 digits: 1973-03-03 to 2001-09-09; 10 digits: to
//!    2286-11-20), optionally with a decimal fraction; 12–13 → Unix epoch **milliseconds**
//!    (1973–2286), optionally with a fraction; 14 → `YYYYMMDDhhmmss` (the compact timestamp of
//!    GDELT and many databases). Any other length is an error: 5–7 and 11 digits fit no rule,
//!    and a 1–3 digit number is no date. Epoch values carry no zone: their date is the UTC
//!    date.
//! 2. **ISO 8601** when the text starts like it (`YYYY-MM`, `YYYY-MM-DD…`, `YYYYMMDDT…`,
//!    `YYYY-Www-D`, `YYYY-DDD`, `±YYYYYY-…`): calendar dates and date-times in the extended
//!    (`2018-03-01T12:30:00+04:00`) and basic (`20180301T123000Z`) formats, with a `T`, `t` or
//!    space between date and time, fractions of a second, offsets `Z`, `±hh`, `±hhmm`,
//!    `±hh:mm` and an optional RFC 9557 annotation (`[Asia/Dubai]`), parsed by
//!    [`jiff::fmt::temporal`]; a zone written after a space (`2018-03-01 12:30:00 UTC`,
//!    `… +0400`); reduced precision `YYYY-MM` (month precision); ordinal dates `YYYY-DDD`; week
//!    dates `YYYY-Www-D` / `YYYYWwwD` (ISO week-numbering year). A week without a day
//!    (`2018-W09`) is an error: it is not one date.
//! 3. **RFC 2822 / RFC 822** (`Sun, 18 Feb 2018 17:21:49 GMT`), parsed by
//!    [`jiff::fmt::rfc2822`]: numeric offsets and the obsolete zones `UT`, `GMT`, `Z`, `EST`,
//!    `EDT`, `CST`, `CDT`, `MST`, `MDT`, `PST`, `PDT` (military one-letter zones and other
//!    names, which RFC 2822 §4.3 says to treat as `-0000`, are accepted with the offset
//!    unknown), two- and three-digit years by the RFC's rule (`< 50` → 20xx, otherwise 19xx),
//!    trailing comments. A weekday that does not match the date is an error.
//! 4. **Dates in words and numeric dates**, Arabic or English, e.g. `الأحد 18 فبراير 2018`,
//!    `18 شباط/فبراير 2018 م`, `١٨ جانفي ٢٠١٨`, `2 جمادى الآخرة 1439 هـ الموافق 18 فبراير
//!    2018 م`, `18/02/2018 10:30 ص`, `February 18, 2018 5:21 PM`, `2018/2/18`:
//!    * month names of the three Arabic naming schemes, compared after folding أ إ آ ٱ → ا,
//!      ى → ي, ة → ه (and Persian ی ک → ي ك): Egyptian/Gulf (يناير فبراير مارس أبريل مايو
//!      يونيو/يونيه يوليو/يوليه أغسطس سبتمبر أكتوبر نوفمبر ديسمبر), Levantine/Iraqi (كانون
//!      الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين الأول تشرين الثاني كانون
//!      الأول), Algerian/Tunisian (جانفي فيفري مارس أفريل ماي جوان جويلية أوت, CLDR `ar-DZ`,
//!      `ar-TN`) and Moroccan (ماي يوليوز غشت شتنبر نونبر دجنبر, CLDR `ar-MA`); two names of
//!      the same month may be given together (`شباط/فبراير`); English month names and their
//!      three-letter abbreviations (and `Sept`);
//!    * Hijri month names (محرم صفر ربيع الأول ربيع الآخر/الثاني جمادى الأولى جمادى
//!      الآخرة/الثانية رجب شعبان رمضان شوال ذو/ذي القعدة ذو/ذي الحجة);
//!    * weekday names (الأحد … السبت, with or without ال, optionally after يوم; English names
//!      and abbreviations), which must match the date;
//!    * era markers: `م`, `ميلادي(ة)`, `للميلاد`, `AD`, `CE` (Gregorian) and `هـ`, `ه`,
//!      `هجري(ة)`, `للهجرة`, `AH` (Hijri); `ق.م`, `BC`, `BCE` are refused;
//!    * times `h:mm[:ss]` with `ص`/`صباحا`/`AM` or `م`/`مساء`/`ظهرا`/`PM` (after a time `م`
//!      means p.m.; after a year it is the era), zones `GMT`/`UTC`/`غرينتش`/`ت.غ`, numeric
//!      offsets, `بتوقيت مكة المكرمة` (+03:00); another `بتوقيت …` zone leaves the offset
//!      unknown (the local date is kept);
//!    * the words في، يوم، الساعة، عام، سنة، لعام، لسنة، ل and `on`, `at`, `of`, `the` are
//!      skipped; any other word is an error (never skipped silently);
//!    * **numeric dates** `A/B/C` (also with `-` or `.`): `YYYY/MM/DD` when the first number has
//!      4 digits; with the year last, `DD/MM/YYYY` or `MM/DD/YYYY` **only when just one
//!      reading is a valid date** (`18/02/2018` is 18 February, `02/18/2018` is also 18
//!      February, `02/03/2018` is an error) unless [`ParseOptions::numeric_order`] says which;
//!      `A == B` is unambiguous. Two-digit years are always an error;
//!    * a month and a year without a day give month precision (`فبراير 2018`), a year alone
//!      (`عام 2018`) year precision; a day and month without a year are an error;
//!    * **Hijri dates** (a Hijri month name, or a numeric date followed by `هـ`) are converted
//!      with the tabular Islamic calendar ([`hijri`], error ±1–2 days against Umm al-Qura) and
//!      marked [`Calendar::HijriConverted`]; when a weekday is written, the date is moved to
//!      the day with that weekday within ±2 days of the tabular date (the shift is recorded;
//!      no such day → error). With [`HijriPolicy::Reject`] a Hijri-only date is an error.
//!      When both calendars are written (joined by الموافق or in parentheses) the Gregorian
//!      date is used and the Hijri one must lie within 3 days of it.
//!
//! Anything else is a [`DateError`] naming the problem: nothing is guessed.
//!
//! # Which date
//!
//! [`DateValue::date`] is the calendar date **as written**, in the zone of the writer: `Thu,
//! 01 Mar 2018 02:34:05 +0400` is 1 March 2018 although it was still 28 February in UTC. A
//! news article belongs to the day its publication printed, so periods use this local date by
//! default; [`DateValue::date_in`] with [`DateBasis::Utc`] gives the UTC date instead (when a
//! time and an offset are known; otherwise the written date).

pub mod hijri;
pub mod period;
mod words;

pub use hijri::HijriDate;
pub use jiff::civil::{Date, Time, Weekday};
pub use jiff::tz::Offset;

/// How to read a numeric date with the year last (`A/B/YYYY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumericOrder {
    /// Accept it only when one reading is valid: a first number above 12 is a day
    /// (`DD/MM/YYYY`), a second number above 12 is a day (`MM/DD/YYYY`), equal numbers are
    /// the same date either way; both ≤ 12 and different is an error (the default).
    #[default]
    Unambiguous,
    /// Always `DD/MM/YYYY` (Arab world, Europe).
    DayFirst,
    /// Always `MM/DD/YYYY` (United States).
    MonthFirst,
}

/// What to do with a date written only in the Hijri calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HijriPolicy {
    /// Convert it with the tabular Islamic calendar and mark it (the default).
    #[default]
    Convert,
    /// Refuse it (a [`DateError`]).
    Reject,
}

/// Options of [`parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ParseOptions {
    /// Reading of `A/B/YYYY` numeric dates.
    pub numeric_order: NumericOrder,
    /// Hijri-only dates.
    pub hijri: HijriPolicy,
}

/// How much of a date was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only a year (`2018`); [`DateValue::date`] is 1 January.
    Year,
    /// A year and a month (`2018-03`, `مارس 2018`); [`DateValue::date`] is the 1st.
    Month,
    /// A full date.
    Day,
}

/// Which rule recognised a date (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// A bare 4-digit year.
    Year,
    /// Unix epoch seconds.
    EpochSeconds,
    /// Unix epoch milliseconds.
    EpochMillis,
    /// `YYYYMMDD` or `YYYYMMDDhhmmss` without separators.
    Compact,
    /// ISO 8601 / RFC 3339 / RFC 9557.
    Iso8601,
    /// RFC 2822 / RFC 822.
    Rfc2822,
    /// A numeric date `A/B/C` (possibly with words around it, such as a weekday or a time).
    Numeric,
    /// A date with a month name.
    Words,
}

/// The calendar a date was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Calendar {
    /// Gregorian only.
    Gregorian,
    /// Converted from this Hijri date with the tabular calendar ([`hijri`]); approximate
    /// (±1–2 days). `weekday_shift` is the number of days the written weekday moved the
    /// tabular date (−2..=2, 0 when no weekday was written or it matched).
    HijriConverted {
        /// The Hijri date as written.
        hijri: HijriDate,
        /// Days added to the tabular date to reach the written weekday.
        weekday_shift: i8,
    },
    /// Both calendars were written; the Gregorian date is used.
    GregorianWithHijri {
        /// The Hijri date as written.
        hijri: HijriDate,
    },
}

/// Whether periods take the date as written or the UTC date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateBasis {
    /// The calendar date as written, in the writer's zone (the default).
    #[default]
    Local,
    /// The date in UTC, when a time and an offset were written; otherwise as written.
    Utc,
}

/// A parsed date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateValue {
    /// The Gregorian date as written (first day of the year or month for coarser
    /// precisions).
    pub date: Date,
    /// How much of the date was written.
    pub precision: Precision,
    /// The time of day as written, when there was one (leap second 60 is read as 59).
    pub time: Option<Time>,
    /// The offset from UTC as written, when known (`None`: no zone, or a zone whose offset
    /// is unknown such as RFC 2822's `-0000`).
    pub offset: Option<Offset>,
    /// The calendar the date was written in.
    pub calendar: Calendar,
    /// Which rule recognised it.
    pub form: Form,
}

impl DateValue {
    /// A Gregorian day-precision value without time or zone.
    pub fn day(date: Date, form: Form) -> DateValue {
        DateValue {
            date,
            precision: Precision::Day,
            time: None,
            offset: None,
            calendar: Calendar::Gregorian,
            form,
        }
    }

    /// The date on `basis`: as written, or in UTC when a time and an offset are known.
    pub fn date_in(&self, basis: DateBasis) -> Date {
        match (basis, self.time, self.offset) {
            (DateBasis::Utc, Some(time), Some(offset)) if self.precision == Precision::Day => {
                match offset.to_timestamp(self.date.to_datetime(time)) {
                    Ok(ts) => Offset::UTC.to_datetime(ts).date(),
                    Err(_) => self.date,
                }
            }
            _ => self.date,
        }
    }

    /// First and last day (inclusive) that the value covers on `basis`: one day, or the
    /// whole month or year for coarser precisions.
    pub fn interval(&self, basis: DateBasis) -> (Date, Date) {
        let d = self.date_in(basis);
        match self.precision {
            Precision::Day => (d, d),
            Precision::Month => (d.first_of_month(), d.last_of_month()),
            Precision::Year => (d.first_of_year(), d.last_of_year()),
        }
    }

    /// True when the date was converted from a Hijri date (approximate).
    pub fn is_hijri_conversion(&self) -> bool {
        matches!(self.calendar, Calendar::HijriConverted { .. })
    }
}

/// Why a date string could not be read: one line of plain English (the caller adds the
/// document and the value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    message: String,
}

impl DateError {
    pub(crate) fn new(message: impl Into<String>) -> DateError {
        DateError { message: message.into() }
    }

    /// The reason, e.g. `month 13 out of range (1–12)`.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateError {}

/// Parses a metadata date string (see the module documentation for every rule).
///
/// # Errors
///
/// A [`DateError`] when the text is empty, is not a date by any rule, is ambiguous
/// (`02/03/2018`, a two-digit year), has a value out of range (month 13, 29 February 2018),
/// a weekday that does not match the date, an unknown word, or is a Hijri date while
/// [`ParseOptions::hijri`] is [`HijriPolicy::Reject`].
pub fn parse(input: &str, options: &ParseOptions) -> Result<DateValue, DateError> {
    let text = clean(input);
    let s = text.trim();
    if s.is_empty() {
        return Err(DateError::new("empty date"));
    }
    if let Some(number) = bare_number(s) {
        return number;
    }
    if looks_iso(s) {
        return iso(s);
    }
    if s.is_ascii()
        && s.bytes().any(|b| b.is_ascii_alphabetic())
        && let Some(value) = rfc2822(s)
    {
        return value;
    }
    words::parse(s, options)
}

/// Digits to ASCII, marks and controls removed, separators and spaces unified (see the
/// module documentation).
pub(crate) fn clean(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '\u{0660}'..='\u{0669}' => out.push(char::from(b'0' + (c as u32 - 0x0660) as u8)),
            '\u{06F0}'..='\u{06F9}' => out.push(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => {}
            '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' => {}
            '\u{2066}'..='\u{2069}' | '\u{FEFF}' => {}
            '\u{060C}' => out.push(','),
            '\u{060D}' => out.push('/'),
            '\u{066B}' => out.push('.'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Rule 1: a bare number (`None` when `s` is not one).
fn bare_number(s: &str) -> Option<Result<DateValue, DateError>> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) if all_digits(i) && all_digits(f) => (i, Some(f)),
        _ if all_digits(s) => (s, None),
        _ => return None,
    };
    let n = int.len();
    Some(match (n, frac) {
        (4, None) => year_only(int),
        (8, None) => compact(int),
        (14, None) => compact(int),
        (9 | 10, _) => epoch(int, frac, 1),
        (12 | 13, _) => epoch(int, frac, 1000),
        _ => Err(DateError::new(format!(
            "a bare number of {n} digits{} is not a date (4 digits: a year; 8: YYYYMMDD; \
             9–10: Unix seconds; 12–13: Unix milliseconds; 14: YYYYMMDDhhmmss)",
            if frac.is_some() { " with a fraction" } else { "" }
        ))),
    })
}

fn year_only(digits: &str) -> Result<DateValue, DateError> {
    let year: i16 = digits.parse().map_err(|_| DateError::new("year out of range"))?;
    if year == 0 {
        return Err(DateError::new("year 0000 is not a date"));
    }
    let mut v = DateValue::day(Date::constant(year, 1, 1), Form::Year);
    v.precision = Precision::Year;
    Ok(v)
}

/// Parses the decimal digits `s` (all ASCII digits, short enough) as a number.
fn num(s: &str) -> i64 {
    s.bytes().fold(0i64, |n, b| n.saturating_mul(10).saturating_add(i64::from(b - b'0')))
}

/// A date from its numbers, with the range of each checked and named.
pub(crate) fn checked_date(year: i64, month: i64, day: i64) -> Result<Date, DateError> {
    if !(1..=9999).contains(&year) {
        return Err(DateError::new(format!("year {year} out of range (1–9999)")));
    }
    if !(1..=12).contains(&month) {
        return Err(DateError::new(format!("month {month} out of range (1–12)")));
    }
    let first = Date::constant(year as i16, month as i8, 1);
    let last = i64::from(first.days_in_month());
    if !(1..=last).contains(&day) {
        return Err(DateError::new(format!(
            "day {day} out of range for {year:04}-{month:02} (1–{last})"
        )));
    }
    Ok(Date::constant(year as i16, month as i8, day as i8))
}

/// A time from its numbers (second 60, a leap second, is read as 59 as RFC 2822 parsers do).
pub(crate) fn checked_time(
    hour: i64,
    minute: i64,
    second: i64,
    nanos: i64,
) -> Result<Time, DateError> {
    if !(0..=23).contains(&hour) {
        return Err(DateError::new(format!("hour {hour} out of range (0–23)")));
    }
    if !(0..=59).contains(&minute) {
        return Err(DateError::new(format!("minute {minute} out of range (0–59)")));
    }
    if !(0..=60).contains(&second) {
        return Err(DateError::new(format!("second {second} out of range (0–59)")));
    }
    Ok(Time::constant(hour as i8, minute as i8, second.min(59) as i8, nanos as i32))
}

/// `YYYYMMDD` or `YYYYMMDDhhmmss`.
fn compact(s: &str) -> Result<DateValue, DateError> {
    let date = checked_date(num(&s[0..4]), num(&s[4..6]), num(&s[6..8]))?;
    let mut v = DateValue::day(date, Form::Compact);
    if s.len() == 14 {
        v.time = Some(checked_time(num(&s[8..10]), num(&s[10..12]), num(&s[12..14]), 0)?);
    }
    Ok(v)
}

/// Unix epoch seconds (`per_second` 1) or milliseconds (1000), in UTC.
fn epoch(int: &str, frac: Option<&str>, per_second: i64) -> Result<DateValue, DateError> {
    let units = num(int);
    // Nanoseconds of the fraction: the fraction of one unit, to at most 9 digits.
    let frac_nanos = frac.map_or(0, |f| {
        let f = &f[..f.len().min(9)];
        num(f) * 10i64.pow(9 - f.len() as u32)
    });
    let seconds = units / per_second;
    let nanos = (units % per_second) * (1_000_000_000 / per_second) + frac_nanos / per_second;
    let ts = jiff::Timestamp::new(seconds, nanos as i32)
        .map_err(|e| DateError::new(format!("epoch value out of range: {e}")))?;
    let dt = Offset::UTC.to_datetime(ts);
    Ok(DateValue {
        date: dt.date(),
        precision: Precision::Day,
        time: Some(dt.time()),
        offset: Some(Offset::UTC),
        calendar: Calendar::Gregorian,
        form: if per_second == 1 { Form::EpochSeconds } else { Form::EpochMillis },
    })
}

/// Whether `s` starts like an ISO 8601 date (rule 2).
fn looks_iso(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| {
        b.len() >= from + n && b[from..from + n].iter().all(u8::is_ascii_digit)
    };
    let week = |at: usize| b.get(at).is_some_and(|&c| c == b'W' || c == b'w') && digits(at + 1, 2);
    if digits(0, 4) && b.get(4) == Some(&b'-') {
        // YYYY-MM…, YYYY-DDD, YYYY-Www…; but not YYYY-M-D (a numeric date, rule 4).
        return (digits(5, 2) && (b.len() == 7 || b.get(7) == Some(&b'-')))
            || (digits(5, 3) && b.len() == 8)
            || week(5);
    }
    if digits(0, 4) && week(4) {
        return true;
    }
    if digits(0, 8) && matches!(b.get(8), Some(b'T' | b't')) {
        return true;
    }
    matches!(b.first(), Some(b'+' | b'-')) && digits(1, 6) && b.get(7) == Some(&b'-')
}

/// Rule 2: ISO 8601.
fn iso(s: &str) -> Result<DateValue, DateError> {
    let b = s.as_bytes();
    // Reduced precision: YYYY-MM.
    if b.len() == 7 && b[4] == b'-' {
        let date = checked_date(num(&s[0..4]), num(&s[5..7]), 1)?;
        let mut v = DateValue::day(date, Form::Iso8601);
        v.precision = Precision::Month;
        return Ok(v);
    }
    // Ordinal date: YYYY-DDD.
    if b.len() == 8 && b[4] == b'-' && all_digits(&s[5..]) {
        let year = num(&s[0..4]);
        let first = checked_date(year, 1, 1)?;
        let day = num(&s[5..8]);
        let days = i64::from(first.days_in_year());
        if !(1..=days).contains(&day) {
            return Err(DateError::new(format!(
                "day of year {day} out of range for {year:04} (1–{days})"
            )));
        }
        let date = first.with().day_of_year(day as i16).build().map_err(jiff_error)?;
        return Ok(DateValue::day(date, Form::Iso8601));
    }
    if let Some(v) = iso_week(s) {
        return v;
    }
    // Calendar date first, for a clear message on a bad month or day.
    let (y, m, d) = if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        (&s[0..4], &s[5..7], &s[8..10])
    } else if b.len() >= 8 && all_digits(&s[0..8]) {
        (&s[0..4], &s[4..6], &s[6..8])
    } else {
        ("", "", "")
    };
    if all_digits(y) && all_digits(m) && all_digits(d) {
        checked_date(num(y), num(m), num(d))?;
    }
    match jiff::fmt::temporal::Pieces::parse(s) {
        Ok(p) => Ok(from_pieces(&p)),
        Err(first_error) => {
            // A zone after a space: `2018-03-01 12:30:00 UTC`, `… +0400`.
            if let Some((head, zone)) = s.rsplit_once(' ')
                && let Some(offset) = zone_token(zone)
                && let Ok(p) = jiff::fmt::temporal::Pieces::parse(head)
                && p.time().is_some()
                && p.offset().is_none()
            {
                let mut v = from_pieces(&p);
                v.offset = Some(offset);
                return Ok(v);
            }
            Err(jiff_error(first_error))
        }
    }
}

fn from_pieces(p: &jiff::fmt::temporal::Pieces<'_>) -> DateValue {
    DateValue {
        date: p.date(),
        precision: Precision::Day,
        time: p.time(),
        offset: p.offset().map(|o| o.to_numeric_offset()),
        calendar: Calendar::Gregorian,
        form: Form::Iso8601,
    }
}

/// `UTC`, `GMT`, `Z`, `UT` or a numeric offset `±hh`, `±hhmm`, `±hh:mm`.
pub(crate) fn zone_token(z: &str) -> Option<Offset> {
    if ["utc", "gmt", "z", "ut"].iter().any(|n| z.eq_ignore_ascii_case(n)) {
        return Some(Offset::UTC);
    }
    numeric_offset(z)
}

/// `±hh`, `±hhmm` or `±hh:mm` (hours ≤ 25, minutes ≤ 59).
pub(crate) fn numeric_offset(z: &str) -> Option<Offset> {
    let sign = match z.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let rest = &z[1..];
    let (h, m) = match rest.len() {
        2 => (rest, "00"),
        4 => (&rest[0..2], &rest[2..4]),
        5 if rest.as_bytes()[2] == b':' => (&rest[0..2], &rest[3..5]),
        _ => return None,
    };
    if !all_digits(h) || !all_digits(m) || num(h) > 25 || num(m) > 59 {
        return None;
    }
    Offset::from_seconds(sign * (num(h) as i32 * 3600 + num(m) as i32 * 60)).ok()
}

/// ISO week date `YYYY-Www-D` / `YYYYWwwD` (`None` when `s` is not one).
fn iso_week(s: &str) -> Option<Result<DateValue, DateError>> {
    let compact: String = s.chars().filter(|&c| c != '-').collect();
    let b = compact.as_bytes();
    if b.len() < 7 || !(b[4] == b'W' || b[4] == b'w') || !all_digits(&compact[0..4]) {
        return None;
    }
    if b.len() == 7 && all_digits(&compact[5..7]) {
        return Some(Err(DateError::new(format!(
            "{s} is a week, not a date (write {s}-1 for its Monday)"
        ))));
    }
    if b.len() != 8 || !all_digits(&compact[5..8]) {
        return None;
    }
    let (year, week, day) = (num(&compact[0..4]), num(&compact[5..7]), num(&compact[7..8]));
    Some(iso_week_date(year, week, day).map(|d| DateValue::day(d, Form::Iso8601)))
}

/// The date of ISO week date (`year`, `week`, `weekday` 1 = Monday … 7 = Sunday).
pub(crate) fn iso_week_date(year: i64, week: i64, day: i64) -> Result<Date, DateError> {
    if !(1..=9999).contains(&year) {
        return Err(DateError::new(format!("year {year} out of range (1–9999)")));
    }
    if !(1..=7).contains(&day) {
        return Err(DateError::new(format!("weekday {day} out of range (1–7)")));
    }
    let weeks = jiff::civil::ISOWeekDate::new(year as i16, 1, Weekday::Monday)
        .map_err(jiff_error)?
        .weeks_in_year();
    if !(1..=i64::from(weeks)).contains(&week) {
        return Err(DateError::new(format!("week {week} out of range for {year:04} (1–{weeks})")));
    }
    let wd = Weekday::from_monday_one_offset(day as i8).map_err(jiff_error)?;
    let iso = jiff::civil::ISOWeekDate::new(year as i16, week as i8, wd).map_err(jiff_error)?;
    Ok(iso.date())
}

fn jiff_error(e: jiff::Error) -> DateError {
    DateError::new(e.to_string())
}

/// Rule 3: RFC 2822 through jiff (`None` when jiff does not read it; the words parser then
/// tries, e.g. for a date without a zone).
fn rfc2822(s: &str) -> Option<Result<DateValue, DateError>> {
    let parser = jiff::fmt::rfc2822::DateTimeParser::new().relaxed_weekday(true);
    let zdt = parser.parse_zoned_datetime(s).ok()?;
    let dt = zdt.datetime();
    if let Some((name, _)) = s.split_once(',')
        && let Some(written) = words::english_weekday(name.trim())
        && written != dt.date().weekday()
    {
        return Some(Err(DateError::new(format!(
            "weekday {} does not match {} (a {:?})",
            name.trim(),
            dt.date(),
            dt.date().weekday()
        ))));
    }
    // The zone is the last word, before any comment.
    let before_comment = s.split('(').next().unwrap_or(s).trim_end();
    let zone = before_comment.rsplit(' ').next().unwrap_or("");
    let known = (zone.starts_with('+') || zone.starts_with('-')) && zone != "-0000"
        || ["ut", "gmt", "z", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt"]
            .iter()
            .any(|n| zone.eq_ignore_ascii_case(n));
    Some(Ok(DateValue {
        date: dt.date(),
        precision: Precision::Day,
        time: Some(dt.time()),
        offset: known.then(|| zdt.offset()),
        calendar: Calendar::Gregorian,
        form: Form::Rfc2822,
    }))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
