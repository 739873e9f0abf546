//! Rule 4 of [`super::parse`]: dates in words (Arabic, English) and numeric dates `A/B/C`,
//! possibly with a weekday, an era, a time and a zone around them.
//!
//! The cleaned text is cut into tokens (numbers, times `h:mm[:ss]`, words, offsets,
//! separators); each word is looked up after folding (see [`fold`]) in the tables below. The
//! tokens fill at most two *groups* — one per calendar when a Hijri and a Gregorian date are
//! both written (`… هـ الموافق … م`, or the second in parentheses) — and the groups are then
//! checked and resolved into one [`DateValue`].

use super::hijri::{self, HijriDate};
use super::{
    Calendar, Date, DateError, DateValue, Form, HijriPolicy, NumericOrder, Offset, ParseOptions,
    Precision, Time, Weekday, checked_date, checked_time, numeric_offset,
};

/// Folds a word for the table look-ups: alef forms → ا, ى → ي, ة → ه, Persian ی ک → ي ك,
/// ASCII letters to lower case.
pub(crate) fn fold(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' | 'ی' => 'ي',
            'ة' => 'ه',
            'ک' => 'ك',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cal {
    Gregorian,
    Hijri,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Era {
    Common,
    Hijri,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meridiem {
    Am,
    Pm,
}

/// What a word (or two-word phrase) means in a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meaning {
    Month(Cal, i64),
    Weekday(Weekday),
    Era(Era),
    /// Before the common era or before the Hijra: refused.
    BeforeEra,
    Meridiem(Meridiem),
    /// `م`: the Gregorian era after a year, p.m. after a time.
    EraOrPm,
    Zone(Offset),
    /// بتوقيت: the words after it name a zone.
    ZoneIntro,
    /// الموافق: the date that follows is the same day in the other calendar.
    Corresponds,
    /// English ordinal suffix after a day number (`1st`).
    Ordinal,
    Filler,
}

const fn hours(h: i8) -> Offset {
    Offset::constant(h)
}

/// Two-word phrases (folded), looked up before single words.
const PHRASES: &[(&str, &str, Meaning)] = &[
    ("كانون", "الثاني", Meaning::Month(Cal::Gregorian, 1)),
    ("كانون", "ثاني", Meaning::Month(Cal::Gregorian, 1)),
    ("تشرين", "الاول", Meaning::Month(Cal::Gregorian, 10)),
    ("تشرين", "اول", Meaning::Month(Cal::Gregorian, 10)),
    ("تشرين", "الثاني", Meaning::Month(Cal::Gregorian, 11)),
    ("تشرين", "ثاني", Meaning::Month(Cal::Gregorian, 11)),
    ("كانون", "الاول", Meaning::Month(Cal::Gregorian, 12)),
    ("كانون", "اول", Meaning::Month(Cal::Gregorian, 12)),
    ("ربيع", "الاول", Meaning::Month(Cal::Hijri, 3)),
    ("ربيع", "اول", Meaning::Month(Cal::Hijri, 3)),
    ("ربيع", "الاخر", Meaning::Month(Cal::Hijri, 4)),
    ("ربيع", "الثاني", Meaning::Month(Cal::Hijri, 4)),
    ("ربيع", "اخر", Meaning::Month(Cal::Hijri, 4)),
    ("ربيع", "ثاني", Meaning::Month(Cal::Hijri, 4)),
    ("جمادي", "الاولي", Meaning::Month(Cal::Hijri, 5)),
    ("جمادي", "الاول", Meaning::Month(Cal::Hijri, 5)),
    ("جمادي", "الاخره", Meaning::Month(Cal::Hijri, 6)),
    ("جمادي", "الاخر", Meaning::Month(Cal::Hijri, 6)),
    ("جمادي", "الثانيه", Meaning::Month(Cal::Hijri, 6)),
    ("جمادي", "الثاني", Meaning::Month(Cal::Hijri, 6)),
    ("ذو", "القعده", Meaning::Month(Cal::Hijri, 11)),
    ("ذي", "القعده", Meaning::Month(Cal::Hijri, 11)),
    ("ذو", "الحجه", Meaning::Month(Cal::Hijri, 12)),
    ("ذي", "الحجه", Meaning::Month(Cal::Hijri, 12)),
    ("قبل", "الميلاد", Meaning::BeforeEra),
    ("قبل", "الهجره", Meaning::BeforeEra),
    ("مكه", "المكرمه", Meaning::Zone(hours(3))),
];

/// Single words (folded).
const WORDS: &[(&str, Meaning)] = &[
    // Gregorian months: Egyptian/Gulf, Levantine/Iraqi, Algerian/Tunisian, Moroccan, English.
    ("يناير", Meaning::Month(Cal::Gregorian, 1)),
    ("جانفي", Meaning::Month(Cal::Gregorian, 1)),
    ("january", Meaning::Month(Cal::Gregorian, 1)),
    ("jan", Meaning::Month(Cal::Gregorian, 1)),
    ("فبراير", Meaning::Month(Cal::Gregorian, 2)),
    ("شباط", Meaning::Month(Cal::Gregorian, 2)),
    ("فيفري", Meaning::Month(Cal::Gregorian, 2)),
    ("february", Meaning::Month(Cal::Gregorian, 2)),
    ("feb", Meaning::Month(Cal::Gregorian, 2)),
    ("مارس", Meaning::Month(Cal::Gregorian, 3)),
    ("اذار", Meaning::Month(Cal::Gregorian, 3)),
    ("march", Meaning::Month(Cal::Gregorian, 3)),
    ("mar", Meaning::Month(Cal::Gregorian, 3)),
    ("ابريل", Meaning::Month(Cal::Gregorian, 4)),
    ("نيسان", Meaning::Month(Cal::Gregorian, 4)),
    ("افريل", Meaning::Month(Cal::Gregorian, 4)),
    ("april", Meaning::Month(Cal::Gregorian, 4)),
    ("apr", Meaning::Month(Cal::Gregorian, 4)),
    ("مايو", Meaning::Month(Cal::Gregorian, 5)),
    ("ايار", Meaning::Month(Cal::Gregorian, 5)),
    ("ماي", Meaning::Month(Cal::Gregorian, 5)),
    ("may", Meaning::Month(Cal::Gregorian, 5)),
    ("يونيو", Meaning::Month(Cal::Gregorian, 6)),
    ("يونيه", Meaning::Month(Cal::Gregorian, 6)),
    ("حزيران", Meaning::Month(Cal::Gregorian, 6)),
    ("جوان", Meaning::Month(Cal::Gregorian, 6)),
    ("june", Meaning::Month(Cal::Gregorian, 6)),
    ("jun", Meaning::Month(Cal::Gregorian, 6)),
    ("يوليو", Meaning::Month(Cal::Gregorian, 7)),
    ("يوليه", Meaning::Month(Cal::Gregorian, 7)),
    ("تموز", Meaning::Month(Cal::Gregorian, 7)),
    ("جويليه", Meaning::Month(Cal::Gregorian, 7)),
    ("يوليوز", Meaning::Month(Cal::Gregorian, 7)),
    ("july", Meaning::Month(Cal::Gregorian, 7)),
    ("jul", Meaning::Month(Cal::Gregorian, 7)),
    ("اغسطس", Meaning::Month(Cal::Gregorian, 8)),
    ("اب", Meaning::Month(Cal::Gregorian, 8)),
    ("اوت", Meaning::Month(Cal::Gregorian, 8)),
    ("غشت", Meaning::Month(Cal::Gregorian, 8)),
    ("august", Meaning::Month(Cal::Gregorian, 8)),
    ("aug", Meaning::Month(Cal::Gregorian, 8)),
    ("سبتمبر", Meaning::Month(Cal::Gregorian, 9)),
    ("ايلول", Meaning::Month(Cal::Gregorian, 9)),
    ("شتنبر", Meaning::Month(Cal::Gregorian, 9)),
    ("september", Meaning::Month(Cal::Gregorian, 9)),
    ("sept", Meaning::Month(Cal::Gregorian, 9)),
    ("sep", Meaning::Month(Cal::Gregorian, 9)),
    ("اكتوبر", Meaning::Month(Cal::Gregorian, 10)),
    ("october", Meaning::Month(Cal::Gregorian, 10)),
    ("oct", Meaning::Month(Cal::Gregorian, 10)),
    ("نوفمبر", Meaning::Month(Cal::Gregorian, 11)),
    ("نونبر", Meaning::Month(Cal::Gregorian, 11)),
    ("november", Meaning::Month(Cal::Gregorian, 11)),
    ("nov", Meaning::Month(Cal::Gregorian, 11)),
    ("ديسمبر", Meaning::Month(Cal::Gregorian, 12)),
    ("دجنبر", Meaning::Month(Cal::Gregorian, 12)),
    ("december", Meaning::Month(Cal::Gregorian, 12)),
    ("dec", Meaning::Month(Cal::Gregorian, 12)),
    // Hijri months (the two-word ones are in PHRASES).
    ("محرم", Meaning::Month(Cal::Hijri, 1)),
    ("المحرم", Meaning::Month(Cal::Hijri, 1)),
    ("صفر", Meaning::Month(Cal::Hijri, 2)),
    ("رجب", Meaning::Month(Cal::Hijri, 7)),
    ("شعبان", Meaning::Month(Cal::Hijri, 8)),
    ("رمضان", Meaning::Month(Cal::Hijri, 9)),
    ("شوال", Meaning::Month(Cal::Hijri, 10)),
    // Weekdays.
    ("الاحد", Meaning::Weekday(Weekday::Sunday)),
    ("احد", Meaning::Weekday(Weekday::Sunday)),
    ("sunday", Meaning::Weekday(Weekday::Sunday)),
    ("sun", Meaning::Weekday(Weekday::Sunday)),
    ("الاثنين", Meaning::Weekday(Weekday::Monday)),
    ("اثنين", Meaning::Weekday(Weekday::Monday)),
    ("monday", Meaning::Weekday(Weekday::Monday)),
    ("mon", Meaning::Weekday(Weekday::Monday)),
    ("الثلاثاء", Meaning::Weekday(Weekday::Tuesday)),
    ("ثلاثاء", Meaning::Weekday(Weekday::Tuesday)),
    ("tuesday", Meaning::Weekday(Weekday::Tuesday)),
    ("tues", Meaning::Weekday(Weekday::Tuesday)),
    ("tue", Meaning::Weekday(Weekday::Tuesday)),
    ("الاربعاء", Meaning::Weekday(Weekday::Wednesday)),
    ("اربعاء", Meaning::Weekday(Weekday::Wednesday)),
    ("wednesday", Meaning::Weekday(Weekday::Wednesday)),
    ("wed", Meaning::Weekday(Weekday::Wednesday)),
    ("الخميس", Meaning::Weekday(Weekday::Thursday)),
    ("خميس", Meaning::Weekday(Weekday::Thursday)),
    ("thursday", Meaning::Weekday(Weekday::Thursday)),
    ("thurs", Meaning::Weekday(Weekday::Thursday)),
    ("thur", Meaning::Weekday(Weekday::Thursday)),
    ("thu", Meaning::Weekday(Weekday::Thursday)),
    ("الجمعه", Meaning::Weekday(Weekday::Friday)),
    ("جمعه", Meaning::Weekday(Weekday::Friday)),
    ("friday", Meaning::Weekday(Weekday::Friday)),
    ("fri", Meaning::Weekday(Weekday::Friday)),
    ("السبت", Meaning::Weekday(Weekday::Saturday)),
    ("سبت", Meaning::Weekday(Weekday::Saturday)),
    ("saturday", Meaning::Weekday(Weekday::Saturday)),
    ("sat", Meaning::Weekday(Weekday::Saturday)),
    // Eras (`ق.م`, `ق.هـ`, `ب.م` arrive joined as قم, قه, بم).
    ("م", Meaning::EraOrPm),
    ("ميلادي", Meaning::Era(Era::Common)),
    ("ميلاديه", Meaning::Era(Era::Common)),
    ("للميلاد", Meaning::Era(Era::Common)),
    ("بم", Meaning::Era(Era::Common)),
    ("ad", Meaning::Era(Era::Common)),
    ("ce", Meaning::Era(Era::Common)),
    ("ه", Meaning::Era(Era::Hijri)),
    ("هجري", Meaning::Era(Era::Hijri)),
    ("هجريه", Meaning::Era(Era::Hijri)),
    ("للهجره", Meaning::Era(Era::Hijri)),
    ("ah", Meaning::Era(Era::Hijri)),
    ("قم", Meaning::BeforeEra),
    ("قه", Meaning::BeforeEra),
    ("bc", Meaning::BeforeEra),
    ("bce", Meaning::BeforeEra),
    // Morning / evening.
    ("ص", Meaning::Meridiem(Meridiem::Am)),
    ("صباحا", Meaning::Meridiem(Meridiem::Am)),
    ("صباح", Meaning::Meridiem(Meridiem::Am)),
    ("am", Meaning::Meridiem(Meridiem::Am)),
    ("مساء", Meaning::Meridiem(Meridiem::Pm)),
    ("مساءا", Meaning::Meridiem(Meridiem::Pm)),
    ("ظهرا", Meaning::Meridiem(Meridiem::Pm)),
    ("pm", Meaning::Meridiem(Meridiem::Pm)),
    // Zones (`ت.غ` arrives joined as تغ).
    ("gmt", Meaning::Zone(Offset::UTC)),
    ("utc", Meaning::Zone(Offset::UTC)),
    ("ut", Meaning::Zone(Offset::UTC)),
    ("z", Meaning::Zone(Offset::UTC)),
    ("غرينتش", Meaning::Zone(Offset::UTC)),
    ("جرينتش", Meaning::Zone(Offset::UTC)),
    ("غرينيتش", Meaning::Zone(Offset::UTC)),
    ("جرينيتش", Meaning::Zone(Offset::UTC)),
    ("تغ", Meaning::Zone(Offset::UTC)),
    ("مكه", Meaning::Zone(hours(3))),
    ("est", Meaning::Zone(hours(-5))),
    ("edt", Meaning::Zone(hours(-4))),
    ("cst", Meaning::Zone(hours(-6))),
    ("cdt", Meaning::Zone(hours(-5))),
    ("mst", Meaning::Zone(hours(-7))),
    ("mdt", Meaning::Zone(hours(-6))),
    ("pst", Meaning::Zone(hours(-8))),
    ("pdt", Meaning::Zone(hours(-7))),
    ("بتوقيت", Meaning::ZoneIntro),
    ("توقيت", Meaning::ZoneIntro),
    ("الموافق", Meaning::Corresponds),
    ("st", Meaning::Ordinal),
    ("nd", Meaning::Ordinal),
    ("rd", Meaning::Ordinal),
    ("th", Meaning::Ordinal),
    // Skipped words.
    ("في", Meaning::Filler),
    ("يوم", Meaning::Filler),
    ("الساعه", Meaning::Filler),
    ("عام", Meaning::Filler),
    ("سنه", Meaning::Filler),
    ("لعام", Meaning::Filler),
    ("لسنه", Meaning::Filler),
    ("ل", Meaning::Filler),
    ("on", Meaning::Filler),
    ("at", Meaning::Filler),
    ("of", Meaning::Filler),
    ("the", Meaning::Filler),
];

fn word_meaning(folded: &str) -> Option<Meaning> {
    WORDS.iter().find(|(w, _)| *w == folded).map(|&(_, m)| m)
}

fn phrase_meaning(first: &str, second: &str) -> Option<Meaning> {
    PHRASES.iter().find(|(a, b, _)| *a == first && *b == second).map(|&(_, _, m)| m)
}

/// The weekday of an English name or abbreviation (for the RFC 2822 check).
pub(crate) fn english_weekday(name: &str) -> Option<Weekday> {
    if !name.is_ascii() {
        return None;
    }
    match word_meaning(&fold(name)) {
        Some(Meaning::Weekday(w)) => Some(w),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// ASCII digits.
    Num(String),
    Time(Time),
    /// A word: folded form and original spelling.
    Word(String, String),
    Offset(Offset),
    Sep(char),
}

fn tokenize(s: &str) -> Result<Vec<Tok>, DateError> {
    let chars: Vec<char> = s.chars().collect();
    let mut toks: Vec<Tok> = Vec::new();
    let mut i = 0;
    let run = |from: usize, pred: &dyn Fn(char) -> bool| {
        let mut j = from;
        while j < chars.len() && pred(chars[j]) {
            j += 1;
        }
        j
    };
    let digits = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' {
            i += 1;
        } else if c.is_ascii_digit() {
            let j = run(i, &|c| c.is_ascii_digit());
            let number = digits(i, j);
            if chars.get(j) == Some(&':') && chars.get(j + 1).is_some_and(char::is_ascii_digit) {
                let (time, end) = read_time(&chars, i, j)?;
                toks.push(Tok::Time(time));
                i = end;
            } else {
                toks.push(Tok::Num(number));
                i = j;
            }
        } else if (c == '+' || c == '-') && sign_is_offset(&toks, &chars, i) {
            let j = run(i + 1, &|c| c.is_ascii_digit() || c == ':');
            let mut text: String = chars[i..j].iter().collect();
            if j - i == 2 {
                // `+4` → `+04`.
                text.insert(1, '0');
            }
            let offset = numeric_offset(&text)
                .ok_or_else(|| DateError::new(format!("bad zone offset «{text}»")))?;
            // `GMT+4`, `UTC-05:00`: the offset replaces the UTC word before it.
            if let Some(Tok::Word(w, _)) = toks.last()
                && word_meaning(w) == Some(Meaning::Zone(Offset::UTC))
            {
                toks.pop();
            }
            toks.push(Tok::Offset(offset));
            i = j;
        } else if c.is_alphabetic() {
            let j = run(i, &|c| c.is_alphabetic());
            let word: String = chars[i..j].iter().collect();
            toks.push(Tok::Word(fold(&word), word));
            i = j;
        } else if matches!(c, '/' | '-' | '.' | ',' | '(' | ')' | ':') {
            toks.push(Tok::Sep(c));
            i += 1;
        } else {
            return Err(DateError::new(format!("unexpected character «{c}»")));
        }
    }
    Ok(join_abbreviations(toks))
}

/// A `+` always starts an offset; a `-` does after a time or a zone name (`GMT-5`).
fn sign_is_offset(toks: &[Tok], chars: &[char], at: usize) -> bool {
    let followed_by_digit = chars.get(at + 1).is_some_and(char::is_ascii_digit);
    if chars[at] == '+' {
        return true;
    }
    followed_by_digit
        && match toks.last() {
            Some(Tok::Time(_)) => true,
            Some(Tok::Word(w, _)) => matches!(word_meaning(w), Some(Meaning::Zone(_))),
            _ => false,
        }
}

/// Reads `h:mm[:ss[.fff]]` whose hour digits are `chars[start..colon]`.
fn read_time(chars: &[char], start: usize, colon: usize) -> Result<(Time, usize), DateError> {
    let text_from = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    let two = |at: usize| {
        (chars.get(at).is_some_and(char::is_ascii_digit)
            && chars.get(at + 1).is_some_and(char::is_ascii_digit))
        .then(|| super::num(&text_from(at, at + 2)))
    };
    if colon - start > 2 {
        return Err(DateError::new(format!("bad time «{}»", text_from(start, colon + 1))));
    }
    let hour = super::num(&text_from(start, colon));
    let minute =
        two(colon + 1).ok_or_else(|| DateError::new("a time needs two digits of minutes"))?;
    let mut end = colon + 3;
    let mut second = 0;
    let mut nanos = 0;
    if chars.get(end) == Some(&':') {
        second = two(end + 1).ok_or_else(|| DateError::new("bad seconds in a time"))?;
        end += 3;
        if chars.get(end) == Some(&'.') && chars.get(end + 1).is_some_and(char::is_ascii_digit) {
            let mut j = end + 1;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            let frac = text_from(end + 1, j.min(end + 10));
            nanos = super::num(&frac) * 10i64.pow(9 - frac.len() as u32);
            end = j;
        }
    }
    if chars.get(end).is_some_and(char::is_ascii_digit) {
        return Err(DateError::new(format!("bad time «{}»", text_from(start, end + 1))));
    }
    Ok((checked_time(hour, minute, second, nanos)?, end))
}

/// Joins one-letter abbreviations written with dots: `a.m.` `p.m.` `ق.م` `ق.هـ` `ب.م` `ت.غ`.
fn join_abbreviations(toks: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        if let (Some(Tok::Word(a, oa)), Some(Tok::Sep('.')), Some(Tok::Word(b, ob))) =
            (toks.get(i), toks.get(i + 1), toks.get(i + 2))
            && a.chars().count() == 1
            && b.chars().count() == 1
        {
            out.push(Tok::Word(format!("{a}{b}"), format!("{oa}.{ob}")));
            i += 3;
            if toks.get(i) == Some(&Tok::Sep('.')) {
                i += 1;
            }
            continue;
        }
        out.push(toks[i].clone());
        i += 1;
    }
    out
}

/// The date parts of one calendar.
#[derive(Debug, Default)]
struct Group {
    day: Option<i64>,
    month: Option<(Cal, i64)>,
    /// Value and number of digits.
    year: Option<(i64, usize)>,
    /// A numeric date: three numbers with their digit counts.
    numeric: Option<[(i64, usize); 3]>,
    era: Option<Era>,
}

impl Group {
    fn is_empty(&self) -> bool {
        self.day.is_none()
            && self.month.is_none()
            && self.year.is_none()
            && self.numeric.is_none()
            && self.era.is_none()
    }

    /// A second value for a part this group already has starts a new group only once the
    /// group has its year (the first date is over).
    fn has_year(&self) -> bool {
        self.year.is_some() || self.numeric.is_some()
    }
}

/// What the previous meaningful token was (for `م`, a zone abbreviation, an ordinal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    Nothing,
    Day,
    Year,
    Time,
    Other,
}

struct State {
    groups: Vec<Group>,
    weekday: Option<Weekday>,
    time: Option<Time>,
    meridiem: Option<Meridiem>,
    offset: Option<Option<Offset>>,
    last: Last,
}

impl State {
    fn group(&mut self) -> &mut Group {
        if self.groups.is_empty() {
            self.groups.push(Group::default());
        }
        let n = self.groups.len();
        &mut self.groups[n - 1]
    }

    /// Starts a new group if the current one already has `has(part)` and its year.
    fn group_for(&mut self, has: impl Fn(&Group) -> bool, what: &str) -> Result<(), DateError> {
        let g = self.group();
        if has(g) {
            if !g.has_year() {
                return Err(DateError::new(format!("two {what}s in one date")));
            }
            if self.groups.len() == 2 {
                return Err(DateError::new("more than two dates"));
            }
            self.groups.push(Group::default());
        }
        Ok(())
    }

    fn set_zone(&mut self, offset: Option<Offset>) -> Result<(), DateError> {
        if self.offset.is_some() && self.offset != Some(offset) {
            return Err(DateError::new("two different zones"));
        }
        self.offset = Some(offset);
        Ok(())
    }
}

pub(crate) fn parse(s: &str, options: &ParseOptions) -> Result<DateValue, DateError> {
    let toks = tokenize(s)?;
    let mut st = State {
        groups: Vec::new(),
        weekday: None,
        time: None,
        meridiem: None,
        offset: None,
        last: Last::Nothing,
    };
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Sep(_) => {
                i += 1;
                continue;
            }
            Tok::Num(n) => {
                if let Some((triple, next)) = numeric_triple(&toks, i) {
                    st.group_for(|g| g.numeric.is_some() || g.day.is_some(), "date")?;
                    let g = st.group();
                    if g.day.is_some() || g.month.is_some() || g.year.is_some() {
                        return Err(DateError::new("a numeric date mixed with a month name"));
                    }
                    g.numeric = Some(triple);
                    st.last = Last::Year;
                    i = next;
                    continue;
                }
                let value = super::num(n);
                if n.len() > 4 {
                    return Err(DateError::new(format!("number {n} is too long for a year")));
                }
                if n.len() >= 3 {
                    st.group_for(|g| g.year.is_some(), "year")?;
                    st.group().year = Some((value, n.len()));
                    st.last = Last::Year;
                } else {
                    let g = st.group();
                    if g.day.is_some() && g.month.is_some() && !g.has_year() {
                        return Err(DateError::new(format!(
                            "two-digit year {n} is ambiguous (write the century)"
                        )));
                    }
                    st.group_for(|g| g.day.is_some(), "day")?;
                    st.group().day = Some(value);
                    st.last = Last::Day;
                }
            }
            Tok::Time(t) => {
                if st.time.is_some() {
                    return Err(DateError::new("two times"));
                }
                st.time = Some(*t);
                st.last = Last::Time;
            }
            Tok::Offset(o) => {
                st.set_zone(Some(*o))?;
                st.last = Last::Other;
            }
            Tok::Word(w, original) => {
                let (meaning, used) = match toks.get(i + 1) {
                    Some(Tok::Word(w2, _)) if phrase_meaning(w, w2).is_some() => {
                        (phrase_meaning(w, w2), 2)
                    }
                    _ => (word_meaning(w), 1),
                };
                let Some(meaning) = meaning else {
                    if st.last == Last::Time
                        && (3..=5).contains(&original.len())
                        && original.bytes().all(|b| b.is_ascii_uppercase())
                    {
                        // An unknown zone abbreviation after a time: offset unknown
                        // (RFC 2822 §4.3).
                        st.set_zone(None)?;
                        st.last = Last::Other;
                        i += 1;
                        continue;
                    }
                    return Err(DateError::new(format!("unknown word «{original}»")));
                };
                i += used;
                word(&mut st, meaning, original, &toks, &mut i)?;
                continue;
            }
        }
        i += 1;
    }
    resolve(st, options)
}

/// Handles one word (or phrase) of meaning `m`; `i` already points after it.
fn word(
    st: &mut State,
    m: Meaning,
    original: &str,
    toks: &[Tok],
    i: &mut usize,
) -> Result<(), DateError> {
    let last = st.last;
    st.last = Last::Other;
    match m {
        Meaning::Month(cal, n) => {
            let g = st.group();
            if g.numeric.is_some() {
                return Err(DateError::new("a numeric date mixed with a month name"));
            }
            if g.month == Some((cal, n)) {
                return Ok(()); // شباط/فبراير: two names of one month
            }
            st.group_for(|g| g.month.is_some(), "month")?;
            st.group().month = Some((cal, n));
        }
        Meaning::Weekday(w) => {
            if st.weekday.is_some_and(|x| x != w) {
                return Err(DateError::new("two different weekdays"));
            }
            st.weekday = Some(w);
        }
        Meaning::Era(era) => set_era(st, era)?,
        Meaning::EraOrPm => match last {
            Last::Year => set_era(st, Era::Common)?,
            Last::Time => set_meridiem(st, Meridiem::Pm)?,
            _ => {
                return Err(DateError::new(
                    "«م» here is neither the era (after a year) nor p.m. (after a time)",
                ));
            }
        },
        Meaning::BeforeEra => {
            return Err(DateError::new(format!(
                "dates before the era are not supported («{original}»)"
            )));
        }
        Meaning::Meridiem(m) => {
            if last != Last::Time {
                return Err(DateError::new(format!("«{original}» without a time before it")));
            }
            set_meridiem(st, m)?;
        }
        Meaning::Zone(offset) => st.set_zone(Some(offset))?,
        Meaning::ZoneIntro => {
            // The zone's name runs to the next number, time or the end.
            let start = *i;
            while matches!(toks.get(*i), Some(Tok::Word(..) | Tok::Sep(_))) {
                *i += 1;
            }
            let names: Vec<&str> = toks[start..*i]
                .iter()
                .filter_map(|t| if let Tok::Word(w, _) = t { Some(w.as_str()) } else { None })
                .collect();
            let known = match names.as_slice() {
                [a] => word_meaning(a),
                [a, b] => phrase_meaning(a, b),
                _ => None,
            };
            match known {
                Some(Meaning::Zone(offset)) => st.set_zone(Some(offset))?,
                _ if names.is_empty() => return Err(DateError::new("«بتوقيت» without a zone")),
                // Another zone (بتوقيت القدس…): the local date stands, the offset is unknown.
                _ => st.set_zone(None)?,
            }
        }
        Meaning::Corresponds => {
            if !st.group().is_empty() {
                if st.groups.len() == 2 {
                    return Err(DateError::new("more than two dates"));
                }
                st.groups.push(Group::default());
            }
        }
        Meaning::Ordinal => {
            if last != Last::Day {
                return Err(DateError::new(format!("unknown word «{original}»")));
            }
            st.last = Last::Day;
        }
        Meaning::Filler => st.last = last,
    }
    Ok(())
}

fn set_era(st: &mut State, era: Era) -> Result<(), DateError> {
    let g = st.group();
    if g.era.is_some_and(|e| e != era) {
        return Err(DateError::new("two different eras in one date"));
    }
    g.era = Some(era);
    Ok(())
}

fn set_meridiem(st: &mut State, m: Meridiem) -> Result<(), DateError> {
    if st.meridiem.is_some() {
        return Err(DateError::new("two a.m./p.m. markers"));
    }
    st.meridiem = Some(m);
    Ok(())
}

/// `A/B/C` (or with `-` or `.`, the same separator twice) starting at `toks[i]`: the three
/// numbers with their digit counts and the index after them.
fn numeric_triple(toks: &[Tok], i: usize) -> Option<([(i64, usize); 3], usize)> {
    let num = |k: usize| match toks.get(k) {
        Some(Tok::Num(n)) => Some((super::num(n), n.len())),
        _ => None,
    };
    let sep = match toks.get(i + 1) {
        Some(Tok::Sep(c @ ('/' | '-' | '.'))) => *c,
        _ => return None,
    };
    let a = num(i)?;
    let b = num(i + 2)?;
    if toks.get(i + 3) != Some(&Tok::Sep(sep)) {
        return None;
    }
    let c = num(i + 4)?;
    Some(([a, b, c], i + 5))
}

/// One group turned into a date of its calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resolved {
    Gregorian(Date, Precision, Form),
    Hijri(HijriDate, Form),
}

fn resolve_group(g: &Group, options: &ParseOptions) -> Result<Resolved, DateError> {
    if let Some([a, b, c]) = g.numeric {
        let hijri = g.era == Some(Era::Hijri);
        let year_ok = |(_, n): (i64, usize)| n == 4 || (hijri && n == 3);
        let (y, m, d) = if year_ok(a) {
            (a.0, b.0, c.0)
        } else if year_ok(c) {
            let (m, d) = day_month_order(a.0, b.0, c.0, options.numeric_order, hijri)?;
            (c.0, m, d)
        } else {
            return Err(DateError::new(
                "a numeric date needs a 4-digit year first or last (two-digit years are ambiguous)",
            ));
        };
        return if hijri {
            hijri_date(y, m, d).map(|h| Resolved::Hijri(h, Form::Numeric))
        } else {
            Ok(Resolved::Gregorian(checked_date(y, m, d)?, Precision::Day, Form::Numeric))
        };
    }
    let cal = match (g.month, g.era) {
        (Some((Cal::Gregorian, _)), Some(Era::Hijri)) => {
            return Err(DateError::new("a Gregorian month with the Hijri era"));
        }
        (Some((Cal::Hijri, _)), Some(Era::Common)) => {
            return Err(DateError::new("a Hijri month with the Gregorian era"));
        }
        (Some((cal, _)), _) => cal,
        (None, Some(Era::Hijri)) => Cal::Hijri,
        (None, _) => Cal::Gregorian,
    };
    let Some((year, _)) = g.year else {
        return Err(DateError::new(match (g.day, g.month) {
            (_, Some(_)) => "a date without a year",
            _ => "no date found",
        }));
    };
    match (cal, g.month, g.day) {
        (Cal::Hijri, Some((_, m)), Some(d)) => {
            hijri_date(year, m, d).map(|h| Resolved::Hijri(h, Form::Words))
        }
        (Cal::Hijri, _, _) => Err(DateError::new(
            "a Hijri month or year without a day cannot be placed in Gregorian periods",
        )),
        (Cal::Gregorian, Some((_, m)), Some(d)) => {
            Ok(Resolved::Gregorian(checked_date(year, m, d)?, Precision::Day, Form::Words))
        }
        (Cal::Gregorian, Some((_, m)), None) => {
            Ok(Resolved::Gregorian(checked_date(year, m, 1)?, Precision::Month, Form::Words))
        }
        (Cal::Gregorian, None, Some(_)) => Err(DateError::new("a day without a month")),
        (Cal::Gregorian, None, None) => {
            Ok(Resolved::Gregorian(checked_date(year, 1, 1)?, Precision::Year, Form::Words))
        }
    }
}

/// (month, day) of `A/B/YYYY` by the [`NumericOrder`] rule.
fn day_month_order(
    a: i64,
    b: i64,
    year: i64,
    order: NumericOrder,
    hijri: bool,
) -> Result<(i64, i64), DateError> {
    match order {
        NumericOrder::DayFirst => Ok((b, a)),
        NumericOrder::MonthFirst => Ok((a, b)),
        NumericOrder::Unambiguous => {
            let valid = |m: i64, d: i64| {
                if hijri {
                    (1..=12).contains(&m) && (1..=30).contains(&d)
                } else {
                    checked_date(year, m, d).is_ok()
                }
            };
            match (valid(b, a), valid(a, b)) {
                (true, false) => Ok((b, a)),
                (false, true) => Ok((a, b)),
                (true, true) if a == b => Ok((a, b)),
                (true, true) => Err(DateError::new(format!(
                    "{a:02}/{b:02}/{year} is ambiguous (day/month or month/day); \
                     choose the order with the date-order option"
                ))),
                // Neither reading is valid: report the day-first reading's problem.
                (false, false) => checked_date(year, b, a).map(|_| (b, a)),
            }
        }
    }
}

fn hijri_date(year: i64, month: i64, day: i64) -> Result<HijriDate, DateError> {
    if !(1..=i64::from(hijri::MAX_YEAR)).contains(&year) {
        return Err(DateError::new(format!(
            "Hijri year {year} out of range (1–{})",
            hijri::MAX_YEAR
        )));
    }
    if !(1..=12).contains(&month) {
        return Err(DateError::new(format!("Hijri month {month} out of range (1–12)")));
    }
    if !(1..=30).contains(&day) {
        return Err(DateError::new(format!("Hijri day {day} out of range (1–30)")));
    }
    Ok(HijriDate { year: year as i32, month: month as u8, day: day as u8 })
}

fn resolve(st: State, options: &ParseOptions) -> Result<DateValue, DateError> {
    let resolved: Vec<Resolved> = st
        .groups
        .iter()
        .filter(|g| !g.is_empty())
        .map(|g| resolve_group(g, options))
        .collect::<Result<_, _>>()?;
    let gregorian: Vec<(Date, Precision, Form)> = resolved
        .iter()
        .filter_map(
            |r| if let Resolved::Gregorian(d, p, f) = r { Some((*d, *p, *f)) } else { None },
        )
        .collect();
    let hijri: Vec<(HijriDate, Form)> = resolved
        .iter()
        .filter_map(|r| if let Resolved::Hijri(h, f) = r { Some((*h, *f)) } else { None })
        .collect();
    if gregorian.len() == 2 && gregorian[0] != gregorian[1] {
        return Err(DateError::new(format!(
            "two different dates: {} and {}",
            gregorian[0].0, gregorian[1].0
        )));
    }
    if hijri.len() == 2 && hijri[0].0 != hijri[1].0 {
        return Err(DateError::new(format!(
            "two different Hijri dates: {} and {}",
            hijri[0].0, hijri[1].0
        )));
    }
    let (mut date, precision, form, calendar) = match (gregorian.first(), hijri.first()) {
        (None, None) => return Err(DateError::new("no date found")),
        (Some(&(d, p, f)), None) => (d, p, f, Calendar::Gregorian),
        (Some(&(d, p, f)), Some(&(h, _))) => {
            if p != Precision::Day {
                return Err(DateError::new("a Hijri date beside a Gregorian date without a day"));
            }
            let converted = hijri::to_gregorian(h).map_err(DateError::new)?;
            let apart = (hijri::gregorian_rata_die(d) - hijri::gregorian_rata_die(converted)).abs();
            if apart > 3 {
                return Err(DateError::new(format!(
                    "the Hijri date {h} ({converted} by the tabular calendar) is {apart} days \
                     from the Gregorian date {d}"
                )));
            }
            (d, p, f, Calendar::GregorianWithHijri { hijri: h })
        }
        (None, Some(&(h, f))) => {
            if options.hijri == HijriPolicy::Reject {
                return Err(DateError::new(format!(
                    "Hijri date {h} (conversion to Gregorian is turned off)"
                )));
            }
            let d = hijri::to_gregorian(h).map_err(DateError::new)?;
            (d, Precision::Day, f, Calendar::HijriConverted { hijri: h, weekday_shift: 0 })
        }
    };
    if let Some(w) = st.weekday {
        if precision != Precision::Day {
            return Err(DateError::new("a weekday with a date without a day"));
        }
        if let Calendar::HijriConverted { hijri: h, .. } = calendar {
            // The written weekday picks the day within ±2 of the tabular date.
            let shift = (-2i8..=2)
                .find(|&k| {
                    date.checked_add(jiff::Span::new().days(k)).is_ok_and(|d| d.weekday() == w)
                })
                .ok_or_else(|| DateError::new("no day with the written weekday near the date"))?;
            date = date
                .checked_add(jiff::Span::new().days(shift))
                .map_err(|e| DateError::new(e.to_string()))?;
            return finish(
                st,
                date,
                precision,
                form,
                Calendar::HijriConverted { hijri: h, weekday_shift: shift },
            );
        }
        if date.weekday() != w {
            return Err(DateError::new(format!(
                "weekday {w:?} does not match {date} (a {:?})",
                date.weekday()
            )));
        }
    }
    finish(st, date, precision, form, calendar)
}

fn finish(
    st: State,
    date: Date,
    precision: Precision,
    form: Form,
    calendar: Calendar,
) -> Result<DateValue, DateError> {
    let time = match (st.time, st.meridiem) {
        (None, _) => None,
        (Some(t), None) => Some(t),
        (Some(t), Some(m)) => {
            let h = t.hour();
            if !(1..=12).contains(&h) {
                return Err(DateError::new(format!("hour {h} with a.m./p.m.")));
            }
            let h24 = match m {
                Meridiem::Am => h % 12,
                Meridiem::Pm => h % 12 + 12,
            };
            Some(checked_time(
                i64::from(h24),
                i64::from(t.minute()),
                i64::from(t.second()),
                i64::from(t.subsec_nanosecond()),
            )?)
        }
    };
    if time.is_some() && precision != Precision::Day {
        return Err(DateError::new("a time with a date without a day"));
    }
    Ok(DateValue { date, precision, time, offset: st.offset.flatten(), calendar, form })
}
