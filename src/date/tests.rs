//! Tests of [`super::parse`]: one or more hand-checked values for every rule.

use super::*;

fn p(s: &str) -> Result<DateValue, DateError> {
    parse(s, &ParseOptions::default())
}

fn ok(s: &str) -> DateValue {
    match p(s) {
        Ok(v) => v,
        Err(e) => panic!("{s:?}: {e}"),
    }
}

fn err(s: &str) -> String {
    match p(s) {
        Ok(v) => panic!("{s:?} parsed as {v:?}"),
        Err(e) => e.to_string(),
    }
}

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::constant(y, m, day)
}

fn t(h: i8, m: i8, s: i8) -> Option<Time> {
    Some(Time::constant(h, m, s, 0))
}

fn off(h: i8) -> Option<Offset> {
    Some(Offset::constant(h))
}

// ---- rule 1: bare numbers -------------------------------------------------------------

#[test]
fn bare_year() {
    let v = ok("2018");
    assert_eq!((v.date, v.precision, v.form), (d(2018, 1, 1), Precision::Year, Form::Year));
    assert_eq!(v.interval(DateBasis::Local), (d(2018, 1, 1), d(2018, 12, 31)));
    assert!(err("0000").contains("year 0000"));
}

#[test]
fn compact_dates() {
    let v = ok("20180301");
    assert_eq!((v.date, v.time, v.form), (d(2018, 3, 1), None, Form::Compact));
    let v = ok("20180301123005");
    assert_eq!((v.date, v.time), (d(2018, 3, 1), t(12, 30, 5)));
    assert_eq!(err("20181301"), "month 13 out of range (1–12)");
    assert_eq!(err("20180230"), "day 30 out of range for 2018-02 (1–28)");
    assert_eq!(err("20180301250000"), "hour 25 out of range (0–23)");
}

#[test]
fn epoch_seconds_and_milliseconds() {
    // 1519000000 s = 17580 days (1,518,912,000 s) + 88,000 s = 24:26:40 → 2018-02-19 00:26:40
    // UTC (17580 days after 1970-01-01 is 2018-02-18; 88000 s = 1 day 26:40 → 02-19 00:26:40).
    let v = ok("1519000000");
    assert_eq!((v.date, v.time, v.offset), (d(2018, 2, 19), t(0, 26, 40), Some(Offset::UTC)));
    assert_eq!(v.form, Form::EpochSeconds);
    let v = ok("1519000000123");
    assert_eq!(
        (v.date, v.time.map(|t| t.subsec_nanosecond())),
        (d(2018, 2, 19), Some(123_000_000))
    );
    assert_eq!(v.form, Form::EpochMillis);
    let v = ok("1519000000.5");
    assert_eq!(v.time.map(|t| t.subsec_nanosecond()), Some(500_000_000));
    // 9 digits: 100000000 s = 1157 days 9:46:40 → 1973-03-03 09:46:40.
    assert_eq!(ok("100000000").date, d(1973, 3, 3));
    // Arabic-Indic digits are digits.
    assert_eq!(ok("١٥١٩٠٠٠٠٠٠").date, d(2018, 2, 19));
    for n in ["1", "123", "12345", "1234567", "12345678901", "123456789012345"] {
        assert!(err(n).contains("bare number"), "{n}");
    }
}

// ---- rule 2: ISO 8601 ---------------------------------------------------------------------

#[test]
fn iso_dates_and_datetimes() {
    let v = ok("2018-03-01");
    assert_eq!((v.date, v.time, v.offset, v.form), (d(2018, 3, 1), None, None, Form::Iso8601));
    let v = ok("2018-03-01T12:30:00+04:00");
    assert_eq!((v.date, v.time, v.offset), (d(2018, 3, 1), t(12, 30, 0), off(4)));
    let v = ok("2018-03-01 12:30");
    assert_eq!((v.time, v.offset), (t(12, 30, 0), None));
    let v = ok("20180301T123000Z");
    assert_eq!((v.date, v.time, v.offset), (d(2018, 3, 1), t(12, 30, 0), Some(Offset::UTC)));
    let v = ok("2018-03-01T12:30:00.250-0530");
    assert_eq!(v.offset.map(Offset::seconds), Some(-(5 * 3600 + 30 * 60)));
    assert_eq!(v.time.map(|t| t.subsec_nanosecond()), Some(250_000_000));
    let v = ok("2018-03-01T12:30:00+04:00[Asia/Dubai]");
    assert_eq!(v.offset, off(4));
    // A zone after a space.
    let v = ok("2018-03-01 12:30:00 UTC");
    assert_eq!((v.time, v.offset), (t(12, 30, 0), Some(Offset::UTC)));
    assert_eq!(ok("2018-03-01 12:30:00 +0400").offset, off(4));
}

#[test]
fn iso_reduced_ordinal_and_week_dates() {
    let v = ok("2018-03");
    assert_eq!((v.date, v.precision), (d(2018, 3, 1), Precision::Month));
    assert_eq!(v.interval(DateBasis::Local), (d(2018, 3, 1), d(2018, 3, 31)));
    // Day 60 of 2018 (not leap): 31 + 28 = 59 days in Jan–Feb, so 1 March; of 2016: 29 Feb.
    assert_eq!(ok("2018-060").date, d(2018, 3, 1));
    assert_eq!(ok("2016-060").date, d(2016, 2, 29));
    assert_eq!(err("2018-366"), "day of year 366 out of range for 2018 (1–365)");
    // 2018-W09-4: week 9 starts Monday 26 Feb; its Thursday is 1 March.
    assert_eq!(ok("2018-W09-4").date, d(2018, 3, 1));
    assert_eq!(ok("2018W094").date, d(2018, 3, 1));
    // 2015-W53-5 is Friday 1 January 2016; 2019-W01-1 is Monday 31 December 2018.
    assert_eq!(ok("2015-W53-5").date, d(2016, 1, 1));
    assert_eq!(ok("2019-W01-1").date, d(2018, 12, 31));
    assert_eq!(err("2018-W53-1"), "week 53 out of range for 2018 (1–52)");
    assert!(err("2018-W09").contains("is a week, not a date"));
}

#[test]
fn iso_errors_are_clear() {
    assert_eq!(err("2018-13-01"), "month 13 out of range (1–12)");
    assert_eq!(err("2018-02-29"), "day 29 out of range for 2018-02 (1–28)");
    assert_eq!(err("2018-13"), "month 13 out of range (1–12)");
    assert!(!err("2018-03-01T25:00").is_empty());
    assert!(!err("2018-03-01X").is_empty());
    // 29 February exists in leap years.
    assert_eq!(ok("2016-02-29").date, d(2016, 2, 29));
    assert_eq!(ok("2000-02-29").date, d(2000, 2, 29));
    assert!(err("1900-02-29").contains("day 29"));
}

// ---- rule 3: RFC 2822 ---------------------------------------------------------------------

#[test]
fn rfc2822_as_in_ant() {
    let v = ok("Sun, 18 Feb 2018 17:21:49 GMT");
    assert_eq!(
        (v.date, v.time, v.offset, v.form),
        (d(2018, 2, 18), t(17, 21, 49), Some(Offset::UTC), Form::Rfc2822)
    );
    let v = ok("Thu, 01 Mar 2018 02:34:05 +0400");
    assert_eq!((v.date, v.offset), (d(2018, 3, 1), off(4)));
    // UTC date is the day before.
    assert_eq!(v.date_in(DateBasis::Utc), d(2018, 2, 28));
    assert_eq!(v.date_in(DateBasis::Local), d(2018, 3, 1));
    assert_eq!(ok("Tue, 13 Feb 2018 10:22:00 +0000").offset, Some(Offset::UTC));
}

#[test]
fn rfc2822_obsolete_forms() {
    assert_eq!(ok("Sun, 18 Feb 2018 17:21:49 EST").offset, off(-5));
    assert_eq!(ok("Sun, 18 Feb 2018 17:21:49 PDT").offset, off(-7));
    assert_eq!(ok("18 Feb 2018 17:21 UT").offset, Some(Offset::UTC));
    // -0000 and unknown names: offset unknown (RFC 2822 §4.3), date as written.
    let v = ok("Sun, 18 Feb 2018 17:21:49 -0000");
    assert_eq!((v.date, v.offset), (d(2018, 2, 18), None));
    assert_eq!(ok("Sun, 18 Feb 2018 17:21:49 A").offset, None);
    // Two-digit year: < 50 → 20xx.
    assert_eq!(ok("Sun, 18 Feb 18 17:21:49 GMT").date, d(2018, 2, 18));
    // Trailing comment.
    assert_eq!(ok("Sun, 18 Feb 2018 17:21:49 +0400 (GST)").offset, off(4));
    // Leap second read as :59.
    assert_eq!(ok("Sat, 31 Dec 2016 23:59:60 GMT").time, t(23, 59, 59));
}

#[test]
fn rfc2822_weekday_must_match() {
    assert_eq!(
        err("Mon, 18 Feb 2018 17:21:49 GMT"),
        "weekday Mon does not match 2018-02-18 (a Sunday)"
    );
}

#[test]
fn rfc2822_without_zone_goes_to_words() {
    let v = ok("Sun, 18 Feb 2018 17:21:49");
    assert_eq!(
        (v.date, v.time, v.offset, v.form),
        (d(2018, 2, 18), t(17, 21, 49), None, Form::Words)
    );
}

// ---- rule 4: English words ----------------------------------------------------------------

#[test]
fn english_long_forms() {
    let v = ok("February 18, 2018");
    assert_eq!((v.date, v.precision, v.form), (d(2018, 2, 18), Precision::Day, Form::Words));
    assert_eq!(ok("Thursday, March 1st, 2018").date, d(2018, 3, 1));
    assert_eq!(ok("1 March 2018").date, d(2018, 3, 1));
    let v = ok("Feb 18, 2018 5:21 PM EST");
    assert_eq!((v.time, v.offset), (t(17, 21, 0), off(-5)));
    assert_eq!(ok("Feb 18, 2018 12:05 a.m.").time, t(0, 5, 0));
    assert_eq!(ok("Feb 18, 2018 12:05 PM").time, t(12, 5, 0));
    assert_eq!(ok("18 Feb 2018 17:21 GMT+4").offset, off(4));
    assert_eq!(ok("18 Feb 2018 17:21 UTC-05:00").offset, off(-5));
    // An unknown upper-case zone abbreviation after a time: offset unknown.
    assert_eq!(ok("18 Feb 2018 17:21 CET").offset, None);
    let v = ok("March 2018");
    assert_eq!((v.date, v.precision), (d(2018, 3, 1), Precision::Month));
    assert_eq!(
        err("Friday, March 1st, 2018"),
        "weekday Friday does not match 2018-03-01 (a Thursday)"
    );
    assert_eq!(err("18 Feb 18"), "two-digit year 18 is ambiguous (write the century)");
    assert_eq!(err("18 Feb"), "a date without a year");
    assert_eq!(err("18 Foo 2018"), "unknown word «Foo»");
    assert_eq!(err("18 Feb 2018 13:00 PM"), "hour 13 with a.m./p.m.");
    assert!(err("300 BC").contains("before the era"));
}

// ---- rule 4: numeric dates ----------------------------------------------------------------

#[test]
fn numeric_year_first() {
    let v = ok("2018/02/18");
    assert_eq!((v.date, v.form), (d(2018, 2, 18), Form::Numeric));
    assert_eq!(ok("2018/2/8").date, d(2018, 2, 8));
    assert_eq!(ok("2018-2-18").date, d(2018, 2, 18));
    assert_eq!(ok("2018.02.18").date, d(2018, 2, 18));
    assert_eq!(err("2018/13/01"), "month 13 out of range (1–12)");
}

#[test]
fn numeric_year_last_only_when_unambiguous() {
    // 18 > 12: only day/month works.
    assert_eq!(ok("18/02/2018").date, d(2018, 2, 18));
    // 18 in the second place: only month/day works.
    assert_eq!(ok("02/18/2018").date, d(2018, 2, 18));
    assert_eq!(ok("18-02-2018").date, d(2018, 2, 18));
    assert_eq!(ok("18.02.2018").date, d(2018, 2, 18));
    // Equal numbers: the same date either way.
    assert_eq!(ok("05/05/2018").date, d(2018, 5, 5));
    assert!(err("02/03/2018").contains("ambiguous"));
    // 30/02: day-first reading is 30 February (invalid), month-first is month 30.
    assert_eq!(err("30/02/2018"), "day 30 out of range for 2018-02 (1–28)");
    assert!(err("18/02/18").contains("4-digit year"));
    // The option decides.
    let day_first = ParseOptions { numeric_order: NumericOrder::DayFirst, ..Default::default() };
    assert_eq!(parse("02/03/2018", &day_first).map(|v| v.date), Ok(d(2018, 3, 2)));
    let month_first =
        ParseOptions { numeric_order: NumericOrder::MonthFirst, ..Default::default() };
    assert_eq!(parse("02/03/2018", &month_first).map(|v| v.date), Ok(d(2018, 2, 3)));
    assert!(parse("18/02/2018", &month_first).is_err());
}

#[test]
fn numeric_with_time_and_arabic_digits() {
    let v = ok("18/02/2018 10:30 ص");
    assert_eq!((v.date, v.time), (d(2018, 2, 18), t(10, 30, 0)));
    assert_eq!(ok("18/02/2018 10:30 م").time, t(22, 30, 0));
    assert_eq!(ok("18/02/2018 - 10:30 مساءً").time, t(22, 30, 0));
    assert_eq!(ok("18/02/2018 12:30 ظهرا").time, t(12, 30, 0));
    // Arabic-Indic digits with RLM marks around the separators, as Arabic UIs write them.
    assert_eq!(ok("١٨\u{200f}/٠٢\u{200f}/٢٠١٨").date, d(2018, 2, 18));
    assert_eq!(ok("۲۰۱۸/۰۲/۱۸").date, d(2018, 2, 18));
    assert_eq!(ok("الأحد ١٨/٢/٢٠١٨").date, d(2018, 2, 18));
    assert_eq!(err("الاثنين 18/02/2018"), "weekday Monday does not match 2018-02-18 (a Sunday)");
}

// ---- rule 4: Arabic words -----------------------------------------------------------------

#[test]
fn arabic_month_names_of_every_scheme() {
    // (name, month) for the Egyptian/Gulf, Levantine/Iraqi, Maghrebi and Moroccan names.
    let names: &[(&str, i8)] = &[
        ("يناير", 1),
        ("كانون الثاني", 1),
        ("جانفي", 1),
        ("فبراير", 2),
        ("شباط", 2),
        ("فيفري", 2),
        ("مارس", 3),
        ("آذار", 3),
        ("أبريل", 4),
        ("إبريل", 4),
        ("ابريل", 4),
        ("نيسان", 4),
        ("أفريل", 4),
        ("مايو", 5),
        ("أيار", 5),
        ("ماي", 5),
        ("يونيو", 6),
        ("يونيه", 6),
        ("يونية", 6),
        ("حزيران", 6),
        ("جوان", 6),
        ("يوليو", 7),
        ("يوليه", 7),
        ("تموز", 7),
        ("جويلية", 7),
        ("يوليوز", 7),
        ("أغسطس", 8),
        ("آب", 8),
        ("أوت", 8),
        ("غشت", 8),
        ("سبتمبر", 9),
        ("أيلول", 9),
        ("شتنبر", 9),
        ("أكتوبر", 10),
        ("تشرين الأول", 10),
        ("نوفمبر", 11),
        ("تشرين الثاني", 11),
        ("نونبر", 11),
        ("ديسمبر", 12),
        ("كانون الأول", 12),
        ("دجنبر", 12),
    ];
    for &(name, month) in names {
        let s = format!("5 {name} 2018");
        let v = ok(&s);
        assert_eq!(v.date, d(2018, month, 5), "{s}");
        assert_eq!((v.form, v.calendar), (Form::Words, Calendar::Gregorian), "{s}");
    }
}

#[test]
fn arabic_dates_as_written_in_news() {
    let v = ok("الأحد 18 فبراير 2018");
    assert_eq!((v.date, v.precision, v.time), (d(2018, 2, 18), Precision::Day, None));
    assert_eq!(ok("الأحد، 18 شباط/فبراير 2018").date, d(2018, 2, 18));
    assert_eq!(ok("18 شباط (فبراير) 2018م").date, d(2018, 2, 18));
    assert_eq!(ok("١٨ جانفي ٢٠١٨").date, d(2018, 1, 18));
    assert_eq!(ok("يوم الخميس 1 مارس 2018 م").date, d(2018, 3, 1));
    assert_eq!(ok("الخميس 01 آذار 2018").date, d(2018, 3, 1));
    assert_eq!(ok("الأحد 18 فبراير 2018 - 10:30 ص").time, t(10, 30, 0));
    let v = ok("18 فبراير 2018 الساعة 17:21 بتوقيت غرينتش");
    assert_eq!((v.time, v.offset), (t(17, 21, 0), Some(Offset::UTC)));
    assert_eq!(ok("18 فبراير 2018 17:21 ت.غ").offset, Some(Offset::UTC));
    assert_eq!(ok("18 فبراير 2018 17:21 (مكة المكرمة)").offset, off(3));
    assert_eq!(ok("18 فبراير 2018 17:21 بتوقيت مكة المكرمة").offset, off(3));
    // Another zone: the local date and time stand, the offset is unknown.
    let v = ok("18 فبراير 2018 17:21 بتوقيت القدس");
    assert_eq!((v.date, v.time, v.offset), (d(2018, 2, 18), t(17, 21, 0), None));
    // Tashkeel and tatweel do not matter.
    assert_eq!(ok("18 فِبْرايِر 2018").date, d(2018, 2, 18));
    assert_eq!(ok("18 فبـــراير 2018").date, d(2018, 2, 18));
    let v = ok("فبراير 2018");
    assert_eq!((v.date, v.precision), (d(2018, 2, 1), Precision::Month));
    let v = ok("عام 2018");
    assert_eq!((v.date, v.precision), (d(2018, 1, 1), Precision::Year));
}

#[test]
fn arabic_errors() {
    assert_eq!(err("الاثنين 18 فبراير 2018"), "weekday Monday does not match 2018-02-18 (a Sunday)");
    assert_eq!(err("18 فبراير"), "a date without a year");
    assert_eq!(err("30 فبراير 2018"), "day 30 out of range for 2018-02 (1–28)");
    assert_eq!(err("18 فبراير 2018 آخر تحديث"), "unknown word «آخر»");
    assert_eq!(err("18 فبراير مارس 2018"), "two months in one date");
    assert!(err("18 فبراير 2018 هـ").contains("Gregorian month with the Hijri era"));
    assert!(err("300 ق.م").contains("before the era"));
    assert!(err("م 2018").contains("neither the era"));
    assert_eq!(err("فبراير"), "a date without a year");
    assert_eq!(err("، ،"), "no date found");
    assert_eq!(err("   "), "empty date");
    assert_eq!(err("18 # فبراير 2018"), "unexpected character «#»");
}

// ---- Hijri ----------------------------------------------------------------------------------

#[test]
fn hijri_dates_are_converted_and_marked() {
    // 2 Jumada II 1439 → 2018-02-18 by the tabular calendar (hijri::tests).
    let v = ok("2 جمادى الآخرة 1439 هـ");
    assert_eq!(v.date, d(2018, 2, 18));
    assert_eq!(
        v.calendar,
        Calendar::HijriConverted {
            hijri: HijriDate { year: 1439, month: 6, day: 2 },
            weekday_shift: 0
        }
    );
    assert!(v.is_hijri_conversion());
    // The other spellings of the month; era optional with a Hijri month.
    for s in ["2 جمادى الثانية 1439", "2 جمادي الآخرة 1439هـ", "٢ جمادى الآخرة ١٤٣٩ هـ"]
    {
        assert_eq!(ok(s).date, d(2018, 2, 18), "{s}");
    }
    // 1 Ramadan 1439 → 2018-05-16 (hijri::tests); two-word month names in the genitive.
    assert_eq!(ok("1 رمضان 1439").date, d(2018, 5, 16));
    assert_eq!(
        ok("1 رمضان 1439").date,
        hijri::to_gregorian(HijriDate { year: 1439, month: 9, day: 1 }).unwrap()
    );
    let dhul_hijja = hijri::to_gregorian(HijriDate { year: 1438, month: 12, day: 10 }).unwrap();
    assert_eq!(ok("10 ذي الحجة 1438 هـ").date, dhul_hijja);
    // Numeric Hijri date (Saudi style).
    let v = ok("1439/06/02 هـ");
    assert_eq!((v.date, v.form), (d(2018, 2, 18), Form::Numeric));
    assert!(v.is_hijri_conversion());
}

#[test]
fn hijri_weekday_moves_the_date_within_two_days() {
    // Umm al-Qura has 2 Jumada II 1439 = Sunday 2018-02-18; tabular also gives 2018-02-18
    // (a Sunday): no shift. Writing Monday moves it one day later.
    let v = ok("الاثنين 2 جمادى الآخرة 1439 هـ");
    assert_eq!(v.date, d(2018, 2, 19));
    assert!(matches!(v.calendar, Calendar::HijriConverted { weekday_shift: 1, .. }));
    // 1 Ramadan 1439 was Thursday 2018-05-17 by Umm al-Qura; tabular gives Wednesday 16th;
    // the written Thursday corrects it.
    let v = ok("الخميس 1 رمضان 1439 هـ");
    assert_eq!(v.date, d(2018, 5, 17));
    assert!(matches!(v.calendar, Calendar::HijriConverted { weekday_shift: 1, .. }));
    // Friday is 2 days later, Tuesday 1 day earlier; Saturday (3 days later) and Sunday
    // (3 days earlier) are too far.
    assert_eq!(ok("الجمعة 1 رمضان 1439").date, d(2018, 5, 18));
    assert_eq!(ok("الثلاثاء 1 رمضان 1439").date, d(2018, 5, 15));
    assert!(err("السبت 1 رمضان 1439").contains("no day with the written weekday"));
}

#[test]
fn both_calendars_use_the_gregorian_date() {
    let v = ok("الأحد 2 جمادى الآخرة 1439 هـ الموافق 18 فبراير 2018 م");
    assert_eq!(v.date, d(2018, 2, 18));
    assert_eq!(
        v.calendar,
        Calendar::GregorianWithHijri { hijri: HijriDate { year: 1439, month: 6, day: 2 } }
    );
    assert!(!v.is_hijri_conversion());
    let v = ok("1 رمضان 1439 هـ (17 مايو 2018 م)");
    assert_eq!(v.date, d(2018, 5, 17));
    assert_eq!(ok("2018/05/17 الموافق 1439/09/01 هـ").date, d(2018, 5, 17));
    // Too far apart (a month off): an error, not a guess.
    assert!(err("1 رمضان 1439 هـ الموافق 17 يونيو 2018").contains("days from the Gregorian date"));
    assert!(err("18 فبراير 2018 الموافق 19 فبراير 2018").contains("two different dates"));
}

#[test]
fn hijri_policy_reject() {
    let reject = ParseOptions { hijri: HijriPolicy::Reject, ..Default::default() };
    assert!(
        parse("2 جمادى الآخرة 1439 هـ", &reject).unwrap_err().to_string().contains("turned off")
    );
    // With a Gregorian date beside it, the Gregorian date is used.
    assert_eq!(
        parse("2 جمادى الآخرة 1439 هـ الموافق 18 فبراير 2018", &reject).map(|v| v.date),
        Ok(d(2018, 2, 18))
    );
    assert!(err("رمضان 1439").contains("without a day"));
}

// ---- properties -----------------------------------------------------------------------------

mod properties {
    use super::*;
    use proptest::prelude::*;

    const AR_MONTHS: [&str; 12] = [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ];
    const AR_DAYS: [&str; 7] =
        ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"];

    fn to_arabic_indic(s: &str) -> String {
        s.chars()
            .map(|c| match c.to_digit(10) {
                Some(n) => char::from_u32(0x0660 + n).unwrap_or(c),
                None => c,
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any date and time written in every supported format reads back as itself.
        #[test]
        fn format_then_parse(day in 0i32..2_900_000, secs in 0i32..86_400, off_q in -48i32..=56) {
            let date = period::date_of_day_number(day - 719_162).unwrap_or(Date::constant(2018, 1, 1));
            prop_assume!(date.year() >= 1000);
            let time = Time::constant((secs / 3600) as i8, (secs / 60 % 60) as i8, (secs % 60) as i8, 0);
            let offset = Offset::from_seconds(off_q * 900).unwrap_or(Offset::UTC);
            let dt = date.to_datetime(time);
            let zdt = dt.to_zoned_datetime(jiff::tz::TimeZone::fixed(offset)).unwrap();
            let rfc = jiff::fmt::rfc2822::to_string(&zdt).unwrap();
            let v = parse(&rfc, &ParseOptions::default()).unwrap();
            prop_assert_eq!((v.date, v.time, v.offset), (date, Some(time), Some(offset)), "{}", rfc);
            let iso = format!("{}T{}{}", date, time, offset);
            let v = parse(&iso, &ParseOptions::default()).unwrap();
            prop_assert_eq!((v.date, v.time, v.offset), (date, Some(time), Some(offset)), "{}", iso);
            let (y, m, dd) = (date.year(), date.month() as usize, date.day());
            let wd = AR_DAYS[date.weekday().to_monday_zero_offset() as usize];
            let ar = format!("{wd}، {dd} {} {y} م", AR_MONTHS[m - 1]);
            let v = parse(&to_arabic_indic(&ar), &ParseOptions::default()).unwrap();
            prop_assert_eq!(v.date, date, "{}", ar);
            let slash = format!("{y}/{m}/{dd}");
            prop_assert_eq!(parse(&slash, &ParseOptions::default()).unwrap().date, date);
            let dmy = format!("{dd:02}/{m:02}/{y}");
            let day_first = ParseOptions { numeric_order: NumericOrder::DayFirst, ..Default::default() };
            prop_assert_eq!(parse(&dmy, &day_first).unwrap().date, date);
            let compact = format!("{y:04}{m:02}{dd:02}");
            prop_assert_eq!(parse(&compact, &ParseOptions::default()).unwrap().date, date);
        }

        /// A Hijri date written in words converts like `hijri::to_gregorian`.
        #[test]
        fn hijri_words(year in 1300i32..1600, month in 1u8..=12, day in 1u8..=29) {
            const H: [&str; 12] = ["محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى",
                "جمادى الآخرة", "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"];
            let s = format!("{day} {} {year} هـ", H[month as usize - 1]);
            let want = hijri::to_gregorian(HijriDate { year, month, day }).unwrap();
            prop_assert_eq!(parse(&s, &ParseOptions::default()).unwrap().date, want);
        }

        /// Epoch seconds read back as the UTC date and time.
        #[test]
        fn epoch_round_trip(secs in 100_000_000i64..9_999_999_999) {
            let ts = jiff::Timestamp::from_second(secs).unwrap();
            let dt = Offset::UTC.to_datetime(ts);
            let v = parse(&secs.to_string(), &ParseOptions::default()).unwrap();
            prop_assert_eq!((v.date, v.time), (dt.date(), Some(dt.time())));
            let v = parse(&(secs * 1000 + 7).to_string(), &ParseOptions::default()).unwrap();
            prop_assert_eq!(v.date, dt.date());
        }

        /// Nothing panics on arbitrary text.
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = parse(&s, &ParseOptions::default());
        }
    }
}
