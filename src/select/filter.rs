//! `--where EXPR`: document filters on metadata, dates and text.
//!
//! The grammar and its meaning are documented for users in `docs/where.md`; in short:
//!
//! ```text
//! expr       := or
//! or         := and ( "or" and )*
//! and        := unary ( "and" unary )*
//! unary      := "not" unary | "(" expr ")" | condition
//! condition  := FIELD op VALUE
//!             | FIELD [ "not" ] "in" "(" VALUE ( "," VALUE )* ")"
//!             | ( "text" | "title" ) "has" TERM
//! op         := "=" | "==" | "!=" | "~" | "!~" | "<" | "<=" | ">" | ">="
//! FIELD, VALUE, TERM := a bare word (no space and none of ( ) = ! < > ~ , " ')
//!             | a quoted string "…" or '…' (\" \' \\ are escapes; other backslashes stay)
//! ```
//!
//! Keywords (`and`, `or`, `not`, `in`, `has`) are case-insensitive; quote a field or value
//! spelled like one. Several expressions given to [`Filter::parse`] (repeated `--where`) are
//! joined with `and`.
//!
//! Meaning, for a document's field value `v` (see [`Record`]):
//!
//! * `f=x` is true when `v` equals `x` exactly (case and spelling as stored); `f!=x` is its
//!   negation, so it is **true for a document without the field**. `f~re` is true when the
//!   regular expression `re` ([`regex`] syntax, unanchored: use `^…$`; `(?i)` for case) finds
//!   a match in `v`; `f!~re` is its negation. `f in (a,b)` is `f=a or f=b`; `not in` its
//!   negation.
//! * On a **date field** ([`FilterOptions::date_fields`], default `date`) the value is read
//!   with [`crate::date::parse`] and the literal is a period label: `2018`, `2018-Q1`,
//!   `2018-03`, `2018-W09` or `2018-03-01`. With the document's date covering the days
//!   `[ds, de]` (one day, or a month or year for a less precise date) and the literal the
//!   days `[ps, pe]`: `=` is `ps ≤ ds and de ≤ pe` (inside the period), `<` is `de < ps`,
//!   `<=` is `de ≤ pe`, `>` is `ds > pe`, `>=` is `ds ≥ ps`; `!=` and `not in` negate. So
//!   `date>=2018-03` keeps documents from 1 March 2018 on and `date<2018-04` those before
//!   April. A document without a date, or whose date does not parse, satisfies only `!=` and
//!   `not in` (the caller counts and lists unparsable dates separately). Dates are compared
//!   on [`FilterOptions::basis`] (the date as written by default).
//! * On another field, `<`, `<=`, `>`, `>=` compare numbers: the literal must be a number,
//!   and a document whose value is not a number does not match.
//! * `text has TERM` / `title has TERM` asks a [`TextMatcher`] (the clitic-aware matcher of
//!   the analysis); a bare `KIND:ID` term (`country:IRN`, `theme:sanctions`) names a lexicon
//!   entry ([`TextTerm::Entry`]), anything else (a quoted string is always this) is a word or
//!   phrase ([`TextTerm::Word`]). `text` is reserved for `has`.

use crate::corpus::Document;
use crate::date::period::Period;
use crate::date::{DateBasis, DateError, DateValue, ParseOptions};
use regex::Regex;

/// Options of [`Filter::parse`].
#[derive(Debug, Clone)]
pub struct FilterOptions {
    /// Fields compared as dates (default: `date`).
    pub date_fields: Vec<String>,
    /// How date values are parsed.
    pub date: ParseOptions,
    /// Which calendar date of a document is compared (default: as written).
    pub basis: DateBasis,
}

impl Default for FilterOptions {
    fn default() -> Self {
        FilterOptions {
            date_fields: vec!["date".to_string()],
            date: ParseOptions::default(),
            basis: DateBasis::Local,
        }
    }
}

/// A document as the filter sees it: named fields, and their values read as dates.
pub trait Record {
    /// The value of field `name`, if the document has one.
    fn field(&self, name: &str) -> Option<&str>;

    /// The value of field `name` read as a date (`None` when the field is absent). A caller
    /// that has parsed the date already can return its cached result.
    fn date(&self, name: &str, options: &ParseOptions) -> Option<Result<DateValue, DateError>> {
        self.field(name).map(|v| crate::date::parse(v, options))
    }
}

impl Record for Document {
    /// A metadata field ([`Document::meta`]); failing that, `id`, `title` (when present) and
    /// `path` (the input file as named).
    fn field(&self, name: &str) -> Option<&str> {
        self.meta_value(name).or(match name {
            "id" => Some(self.id.as_str()),
            "title" => self.title.as_deref(),
            "path" => Some(&*self.path),
            _ => None,
        })
    }
}

impl Record for [(String, String)] {
    /// The first pair whose key is `name`.
    fn field(&self, name: &str) -> Option<&str> {
        self.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// Where `has` looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextScope {
    /// The document text.
    Text,
    /// The title.
    Title,
}

/// What `has` looks for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TextTerm {
    /// A word or phrase, as written in the expression (the matcher normalises it).
    Word(String),
    /// A lexicon entry: `country:IRN` → kind `country` (lower-cased), id `IRN`.
    Entry {
        /// Lexicon kind (`country`, `theme`, …), lower case.
        kind: String,
        /// Entry id as written.
        id: String,
    },
}

impl std::fmt::Display for TextTerm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TextTerm::Word(w) => write_quoted(f, w),
            TextTerm::Entry { kind, id } => write!(f, "{kind}:{id}"),
        }
    }
}

/// Answers `text has TERM` for one document.
pub trait TextMatcher {
    /// True when the document's `scope` contains `term`.
    fn has(&mut self, scope: TextScope, term: &TextTerm) -> bool;
}

impl<F: FnMut(TextScope, &TextTerm) -> bool> TextMatcher for F {
    fn has(&mut self, scope: TextScope, term: &TextTerm) -> bool {
        self(scope, term)
    }
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl Cmp {
    fn symbol(self) -> &'static str {
        match self {
            Cmp::Eq => "=",
            Cmp::Ne => "!=",
            Cmp::Lt => "<",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
        }
    }
}

/// One condition of an expression.
#[derive(Debug, Clone)]
pub enum Condition {
    /// `field=value` / `field!=value` (exact string comparison).
    Text {
        /// Field name.
        field: String,
        /// [`Cmp::Eq`] or [`Cmp::Ne`].
        cmp: Cmp,
        /// The value.
        value: String,
    },
    /// `field in (…)` / `field not in (…)`.
    OneOf {
        /// Field name.
        field: String,
        /// The values.
        values: Vec<String>,
        /// `not in`.
        negated: bool,
    },
    /// `field~regex` / `field!~regex`.
    Regex {
        /// Field name.
        field: String,
        /// The compiled expression.
        regex: Regex,
        /// `!~`.
        negated: bool,
    },
    /// `field<number` and the other orderings on a field that is not a date field.
    Number {
        /// Field name.
        field: String,
        /// [`Cmp::Lt`], [`Cmp::Le`], [`Cmp::Gt`] or [`Cmp::Ge`].
        cmp: Cmp,
        /// The number.
        value: f64,
    },
    /// A comparison on a date field.
    Date {
        /// Field name.
        field: String,
        /// The comparison.
        cmp: Cmp,
        /// The period literal.
        period: Period,
    },
    /// `date in (…)` / `date not in (…)` on a date field.
    DateIn {
        /// Field name.
        field: String,
        /// The periods.
        periods: Vec<Period>,
        /// `not in`.
        negated: bool,
    },
    /// `text has TERM` / `title has TERM`.
    Has {
        /// Text or title.
        scope: TextScope,
        /// The term.
        term: TextTerm,
    },
}

/// A parsed expression.
#[derive(Debug, Clone)]
pub enum Expr {
    /// All must hold.
    And(Vec<Expr>),
    /// One must hold.
    Or(Vec<Expr>),
    /// Negation.
    Not(Box<Expr>),
    /// A condition.
    Cond(Condition),
}

/// A `--where` expression that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhereError {
    /// The expression as given.
    pub expr: String,
    /// 1-based character column of the problem (one past the end for a missing part).
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for WhereError {
    /// `--where 'date>=2018-13-01': column 12: month 13 out of range (1–12)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "--where '{}': column {}: {}", self.expr, self.column, self.message)
    }
}

impl std::error::Error for WhereError {}

/// The conjunction of the `--where` expressions of a run.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    exprs: Vec<Expr>,
    options: FilterOptions,
}

impl Filter {
    /// Parses each expression (repeated `--where`) and joins them with `and`. No expression
    /// gives a filter that keeps every document.
    ///
    /// # Errors
    ///
    /// The first [`WhereError`]: a syntax error, an unknown operator, a regular expression
    /// that does not compile, a date literal out of range, a non-number compared with `<`…
    pub fn parse<S: AsRef<str>>(exprs: &[S], options: FilterOptions) -> Result<Filter, WhereError> {
        let exprs = exprs
            .iter()
            .map(|e| Parser::new(e.as_ref(), &options)?.parse())
            .collect::<Result<_, _>>()?;
        Ok(Filter { exprs, options })
    }

    /// True when there is no expression (every document is kept).
    pub fn is_empty(&self) -> bool {
        self.exprs.is_empty()
    }

    /// The parsed expressions (joined with `and`).
    pub fn exprs(&self) -> &[Expr] {
        &self.exprs
    }

    /// True when some condition looks at the text (`has`): the document must be analysed
    /// before the filter can decide (unless [`Filter::decide_without_text`] already does).
    pub fn needs_text(&self) -> bool {
        !self.text_terms().is_empty()
    }

    /// Every `has` term, in expression order (for the caller to check lexicon ids and
    /// prepare its matcher).
    pub fn text_terms(&self) -> Vec<(TextScope, &TextTerm)> {
        fn walk<'a>(e: &'a Expr, out: &mut Vec<(TextScope, &'a TextTerm)>) {
            match e {
                Expr::And(v) | Expr::Or(v) => v.iter().for_each(|e| walk(e, out)),
                Expr::Not(e) => walk(e, out),
                Expr::Cond(Condition::Has { scope, term }) => out.push((*scope, term)),
                Expr::Cond(_) => {}
            }
        }
        let mut out = Vec::new();
        self.exprs.iter().for_each(|e| walk(e, &mut out));
        out
    }

    /// Every metadata field named, sorted and without repeats (for a warning about fields
    /// that no document has).
    pub fn fields(&self) -> Vec<&str> {
        fn walk<'a>(e: &'a Expr, out: &mut Vec<&'a str>) {
            match e {
                Expr::And(v) | Expr::Or(v) => v.iter().for_each(|e| walk(e, out)),
                Expr::Not(e) => walk(e, out),
                Expr::Cond(c) => match c {
                    Condition::Text { field, .. }
                    | Condition::OneOf { field, .. }
                    | Condition::Regex { field, .. }
                    | Condition::Number { field, .. }
                    | Condition::Date { field, .. }
                    | Condition::DateIn { field, .. } => out.push(field),
                    Condition::Has { .. } => {}
                },
            }
        }
        let mut out = Vec::new();
        self.exprs.iter().for_each(|e| walk(e, &mut out));
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether the document passes every expression; `text` answers the `has` conditions
    /// (it is not called for conditions decided without it).
    pub fn matches<R: Record + ?Sized, M: TextMatcher + ?Sized>(
        &self,
        record: &R,
        text: &mut M,
    ) -> bool {
        let mut ask = |scope: TextScope, term: &TextTerm| Some(text.has(scope, term));
        self.exprs.iter().all(|e| self.eval(e, record, &mut ask) == Some(true))
    }

    /// Decides from the metadata alone when it can: `Some(false)` when the document fails
    /// whatever its text holds, `Some(true)` when it passes whatever its text holds, `None`
    /// when the answer depends on a `has` condition (three-valued logic: `false and ?` is
    /// false, `true or ?` is true). Lets a caller skip analysing documents that fail on
    /// metadata.
    pub fn decide_without_text<R: Record + ?Sized>(&self, record: &R) -> Option<bool> {
        let mut unknown = |_: TextScope, _: &TextTerm| None;
        and3(self.exprs.iter().map(|e| self.eval(e, record, &mut unknown)))
    }

    fn eval<R: Record + ?Sized>(
        &self,
        e: &Expr,
        record: &R,
        text: &mut dyn FnMut(TextScope, &TextTerm) -> Option<bool>,
    ) -> Option<bool> {
        match e {
            Expr::And(v) => {
                let mut acc = Some(true);
                for e in v {
                    match self.eval(e, record, text) {
                        Some(false) => return Some(false),
                        None => acc = None,
                        Some(true) => {}
                    }
                }
                acc
            }
            Expr::Or(v) => {
                let mut acc = Some(false);
                for e in v {
                    match self.eval(e, record, text) {
                        Some(true) => return Some(true),
                        None => acc = None,
                        Some(false) => {}
                    }
                }
                acc
            }
            Expr::Not(e) => self.eval(e, record, text).map(|b| !b),
            Expr::Cond(c) => self.condition(c, record, text),
        }
    }

    fn condition<R: Record + ?Sized>(
        &self,
        c: &Condition,
        record: &R,
        text: &mut dyn FnMut(TextScope, &TextTerm) -> Option<bool>,
    ) -> Option<bool> {
        Some(match c {
            Condition::Text { field, cmp, value } => {
                let eq = record.field(field) == Some(value.as_str());
                if *cmp == Cmp::Ne { !eq } else { eq }
            }
            Condition::OneOf { field, values, negated } => {
                let hit = record.field(field).is_some_and(|v| values.iter().any(|x| x == v));
                hit != *negated
            }
            Condition::Regex { field, regex, negated } => {
                let hit = record.field(field).is_some_and(|v| regex.is_match(v));
                hit != *negated
            }
            Condition::Number { field, cmp, value } => {
                match record.field(field).and_then(|v| v.trim().parse::<f64>().ok()) {
                    Some(x) if x.is_finite() => compare_numbers(x, *cmp, *value),
                    _ => false,
                }
            }
            Condition::Date { field, cmp, period } => {
                let interval = self.interval(record, field);
                match interval {
                    Some(days) => compare_dates(days, *cmp, *period),
                    None => *cmp == Cmp::Ne,
                }
            }
            Condition::DateIn { field, periods, negated } => {
                let hit = self
                    .interval(record, field)
                    .is_some_and(|days| periods.iter().any(|p| compare_dates(days, Cmp::Eq, *p)));
                hit != *negated
            }
            Condition::Has { scope, term } => return text(*scope, term),
        })
    }

    /// First and last day of the document's date in `field`, if it has a readable one.
    fn interval<R: Record + ?Sized>(
        &self,
        record: &R,
        field: &str,
    ) -> Option<(crate::date::Date, crate::date::Date)> {
        let value = record.date(field, &self.options.date)?.ok()?;
        Some(value.interval(self.options.basis))
    }
}

fn and3(values: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut acc = Some(true);
    for v in values {
        match v {
            Some(false) => return Some(false),
            None => acc = None,
            Some(true) => {}
        }
    }
    acc
}

fn compare_numbers(x: f64, cmp: Cmp, value: f64) -> bool {
    match cmp {
        Cmp::Lt => x < value,
        Cmp::Le => x <= value,
        Cmp::Gt => x > value,
        Cmp::Ge => x >= value,
        Cmp::Eq => x == value,
        Cmp::Ne => x != value,
    }
}

/// The date comparisons of the module documentation: the document covers `[ds, de]`, the
/// literal period `[ps, pe]`.
fn compare_dates((ds, de): (crate::date::Date, crate::date::Date), cmp: Cmp, p: Period) -> bool {
    let (ps, pe) = (p.start(), p.end());
    match cmp {
        Cmp::Eq => ps <= ds && de <= pe,
        Cmp::Ne => !(ps <= ds && de <= pe),
        Cmp::Lt => de < ps,
        Cmp::Le => de <= pe,
        Cmp::Gt => ds > pe,
        Cmp::Ge => ds >= ps,
    }
}

// ---- display: a canonical form of the expression ----------------------------------------

fn is_bare(s: &str) -> bool {
    !s.is_empty()
        && !s.chars().any(|c| c.is_whitespace() || "()=!<>~,\"'".contains(c))
        && !["and", "or", "not", "in", "has"].iter().any(|k| s.eq_ignore_ascii_case(k))
}

fn write_quoted(f: &mut std::fmt::Formatter<'_>, s: &str) -> std::fmt::Result {
    if is_bare(s) {
        return f.write_str(s);
    }
    f.write_str("\"")?;
    for c in s.chars() {
        if c == '"' || c == '\\' {
            f.write_str("\\")?;
        }
        write!(f, "{c}")?;
    }
    f.write_str("\"")
}

impl std::fmt::Display for Condition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list = |f: &mut std::fmt::Formatter<'_>, items: &mut dyn Iterator<Item = String>| {
            f.write_str("(")?;
            for (i, s) in items.enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                f.write_str(&s)?;
            }
            f.write_str(")")
        };
        match self {
            Condition::Text { field, cmp, value } => {
                write_quoted(f, field)?;
                f.write_str(cmp.symbol())?;
                write_quoted(f, value)
            }
            Condition::OneOf { field, values, negated } => {
                write_quoted(f, field)?;
                f.write_str(if *negated { " not in " } else { " in " })?;
                let quoted = values.iter().map(|v| Quoted(v).to_string());
                list(f, &mut quoted.into_iter())
            }
            Condition::Regex { field, regex, negated } => {
                write_quoted(f, field)?;
                f.write_str(if *negated { "!~" } else { "~" })?;
                write_quoted(f, regex.as_str())
            }
            Condition::Number { field, cmp, value } => {
                write_quoted(f, field)?;
                write!(f, "{}{value}", cmp.symbol())
            }
            Condition::Date { field, cmp, period } => {
                write_quoted(f, field)?;
                write!(f, "{}{period}", cmp.symbol())
            }
            Condition::DateIn { field, periods, negated } => {
                write_quoted(f, field)?;
                f.write_str(if *negated { " not in " } else { " in " })?;
                list(f, &mut periods.iter().map(|p| p.label()))
            }
            Condition::Has { scope, term } => {
                let scope = match scope {
                    TextScope::Text => "text",
                    TextScope::Title => "title",
                };
                write!(f, "{scope} has {term}")
            }
        }
    }
}

struct Quoted<'a>(&'a str);

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_quoted(f, self.0)
    }
}

impl std::fmt::Display for Expr {
    /// A canonical form: single spaces, lower-case keywords, parentheses only where needed,
    /// values quoted only where needed. Parsing it again gives the same expression.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let join = |f: &mut std::fmt::Formatter<'_>, v: &[Expr], word: &str, inner_or: bool| {
            for (i, e) in v.iter().enumerate() {
                if i > 0 {
                    write!(f, " {word} ")?;
                }
                let paren = matches!(e, Expr::Or(_)) && inner_or;
                if paren {
                    write!(f, "({e})")?;
                } else {
                    write!(f, "{e}")?;
                }
            }
            Ok(())
        };
        match self {
            Expr::And(v) => join(f, v, "and", true),
            Expr::Or(v) => join(f, v, "or", false),
            Expr::Not(e) => match **e {
                Expr::Cond(_) | Expr::Not(_) => write!(f, "not {e}"),
                _ => write!(f, "not ({e})"),
            },
            Expr::Cond(c) => write!(f, "{c}"),
        }
    }
}

impl std::fmt::Display for Filter {
    /// The expressions joined with ` and ` (each in parentheses when it is an `or`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.exprs.as_slice() {
            [one] => write!(f, "{one}"),
            _ => write!(f, "{}", Expr::And(self.exprs.clone())),
        }
    }
}

// ---- lexer ---------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// A bare word.
    Word(String),
    /// A quoted string.
    Str(String),
    Op(&'static str),
    Open,
    Close,
    Comma,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    /// 1-based column of its first character.
    column: usize,
    /// Column of its content (after the opening quote of a string).
    inner: usize,
}

impl Token {
    fn keyword(&self, k: &str) -> bool {
        matches!(&self.kind, Kind::Word(w) if w.eq_ignore_ascii_case(k))
    }

    fn describe(&self) -> String {
        match &self.kind {
            Kind::Word(w) => format!("«{w}»"),
            Kind::Str(s) => format!("\"{s}\""),
            Kind::Op(o) => format!("«{o}»"),
            Kind::Open => "«(»".to_string(),
            Kind::Close => "«)»".to_string(),
            Kind::Comma => "«,»".to_string(),
        }
    }
}

fn lex(expr: &str) -> Result<Vec<Token>, (usize, String)> {
    let chars: Vec<char> = expr.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        let one = |kind: Kind| Token { kind, column, inner: column };
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                toks.push(one(Kind::Open));
                i += 1;
            }
            ')' => {
                toks.push(one(Kind::Close));
                i += 1;
            }
            ',' => {
                toks.push(one(Kind::Comma));
                i += 1;
            }
            '"' | '\'' => {
                let quote = c;
                let mut s = String::new();
                let mut j = i + 1;
                loop {
                    match chars.get(j) {
                        None => {
                            return Err((
                                column,
                                format!("unterminated string (no closing {quote})"),
                            ));
                        }
                        Some(&q) if q == quote => break,
                        Some('\\') if matches!(chars.get(j + 1), Some('"' | '\'' | '\\')) => {
                            s.push(chars[j + 1]);
                            j += 2;
                        }
                        Some(&ch) => {
                            s.push(ch);
                            j += 1;
                        }
                    }
                }
                toks.push(Token { kind: Kind::Str(s), column, inner: column + 1 });
                i = j + 1;
            }
            '=' | '!' | '<' | '>' | '~' => {
                let next = chars.get(i + 1).copied();
                let (op, len) = match (c, next) {
                    ('=', Some('=')) => ("=", 2),
                    ('=', _) => ("=", 1),
                    ('!', Some('=')) => ("!=", 2),
                    ('!', Some('~')) => ("!~", 2),
                    ('!', _) => {
                        return Err((
                            column,
                            "«!» must be followed by = or ~ (quote a value holding «!»)"
                                .to_string(),
                        ));
                    }
                    ('<', Some('=')) => ("<=", 2),
                    ('<', _) => ("<", 1),
                    ('>', Some('=')) => (">=", 2),
                    ('>', _) => (">", 1),
                    _ => ("~", 1),
                };
                toks.push(one(Kind::Op(op)));
                i += len;
            }
            _ => {
                let mut j = i;
                while j < chars.len()
                    && !chars[j].is_whitespace()
                    && !"()=!<>~,\"'".contains(chars[j])
                {
                    j += 1;
                }
                toks.push(one(Kind::Word(chars[i..j].iter().collect())));
                i = j;
            }
        }
    }
    Ok(toks)
}

// ---- parser --------------------------------------------------------------------------------

struct Parser<'a> {
    expr: &'a str,
    toks: Vec<Token>,
    pos: usize,
    options: &'a FilterOptions,
    end_column: usize,
}

const KEYWORDS: [&str; 5] = ["and", "or", "not", "in", "has"];

impl<'a> Parser<'a> {
    fn new(expr: &'a str, options: &'a FilterOptions) -> Result<Parser<'a>, WhereError> {
        let end_column = expr.chars().count() + 1;
        let toks = lex(expr).map_err(|(column, message)| WhereError {
            expr: expr.to_string(),
            column,
            message,
        })?;
        Ok(Parser { expr, toks, pos: 0, options, end_column })
    }

    fn error(&self, column: usize, message: impl Into<String>) -> WhereError {
        WhereError { expr: self.expr.to_string(), column, message: message.into() }
    }

    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn parse(mut self) -> Result<Expr, WhereError> {
        if self.toks.is_empty() {
            return Err(self.error(1, "empty expression"));
        }
        let e = self.or()?;
        if let Some(t) = self.peek() {
            let hint = if matches!(t.kind, Kind::Word(_) | Kind::Str(_)) {
                "; join conditions with and/or, and quote values that hold spaces"
            } else {
                ""
            };
            return Err(self.error(t.column, format!("unexpected {}{hint}", t.describe())));
        }
        Ok(e)
    }

    fn or(&mut self) -> Result<Expr, WhereError> {
        let mut v = vec![self.and()?];
        while self.peek().is_some_and(|t| t.keyword("or")) {
            self.pos += 1;
            v.push(self.and()?);
        }
        Ok(if v.len() == 1 { v.remove(0) } else { Expr::Or(v) })
    }

    fn and(&mut self) -> Result<Expr, WhereError> {
        let mut v = vec![self.unary()?];
        while self.peek().is_some_and(|t| t.keyword("and")) {
            self.pos += 1;
            v.push(self.unary()?);
        }
        Ok(if v.len() == 1 { v.remove(0) } else { Expr::And(v) })
    }

    fn unary(&mut self) -> Result<Expr, WhereError> {
        match self.peek() {
            Some(t) if t.keyword("not") => {
                self.pos += 1;
                Ok(Expr::Not(Box::new(self.unary()?)))
            }
            Some(Token { kind: Kind::Open, column, .. }) => {
                let open = *column;
                self.pos += 1;
                let e = self.or()?;
                match self.next() {
                    Some(Token { kind: Kind::Close, .. }) => Ok(e),
                    Some(t) => {
                        Err(self.error(t.column, format!("expected «)», found {}", t.describe())))
                    }
                    None => Err(self.error(
                        self.end_column,
                        format!("missing «)» for the «(» at column {open}"),
                    )),
                }
            }
            _ => self.condition().map(Expr::Cond),
        }
    }

    /// A bare word or a quoted string (for a value; keywords are allowed as bare values).
    fn value(&mut self, what: &str) -> Result<(String, Token), WhereError> {
        match self.next() {
            Some(t @ Token { kind: Kind::Word(_) | Kind::Str(_), .. }) => {
                let s = match &t.kind {
                    Kind::Word(w) | Kind::Str(w) => w.clone(),
                    _ => String::new(),
                };
                Ok((s, t))
            }
            Some(t) => {
                Err(self.error(t.column, format!("expected {what}, found {}", t.describe())))
            }
            None => Err(self.error(self.end_column, format!("expected {what}"))),
        }
    }

    fn condition(&mut self) -> Result<Condition, WhereError> {
        let field_tok = match self.next() {
            Some(t) if KEYWORDS.iter().any(|k| t.keyword(k)) => {
                return Err(self.error(t.column, format!(
                    "expected a field name, found the keyword {} (quote a field spelled like a keyword)",
                    t.describe()
                )));
            }
            Some(t @ Token { kind: Kind::Word(_) | Kind::Str(_), .. }) => t,
            Some(t) => {
                return Err(
                    self.error(t.column, format!("expected a condition, found {}", t.describe()))
                );
            }
            None => return Err(self.error(self.end_column, "expected a condition")),
        };
        let field = match &field_tok.kind {
            Kind::Word(w) | Kind::Str(w) => w.clone(),
            _ => String::new(),
        };
        let bare_field = matches!(field_tok.kind, Kind::Word(_));
        let op = match self.next() {
            Some(t) => t,
            None => {
                return Err(self.error(
                    self.end_column,
                    format!("expected an operator after «{field}» (=, !=, ~, !~, <, <=, >, >=, in, not in, has)"),
                ));
            }
        };
        // `text has TERM`, `title has TERM`.
        if op.keyword("has") {
            let scope = match field.as_str() {
                "text" if bare_field => TextScope::Text,
                "title" if bare_field => TextScope::Title,
                _ => {
                    return Err(self.error(field_tok.column, format!(
                        "«has» searches the text or the title: write «text has …» or «title has …», not «{field} has …»"
                    )));
                }
            };
            let (term, tok) = self.value("a term after «has»")?;
            if term.trim().is_empty() {
                return Err(self.error(tok.column, "empty term"));
            }
            let term = match (&tok.kind, term.split_once(':')) {
                (Kind::Word(_), Some((kind, id)))
                    if !kind.is_empty()
                        && !id.is_empty()
                        && kind.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
                {
                    TextTerm::Entry { kind: kind.to_ascii_lowercase(), id: id.to_string() }
                }
                _ => TextTerm::Word(term),
            };
            return Ok(Condition::Has { scope, term });
        }
        if bare_field && field == "text" {
            return Err(self.error(op.column, "the text is searched with «text has TERM»"));
        }
        let is_date = self.options.date_fields.contains(&field);
        // `in`, `not in`.
        let negated = op.keyword("not");
        if negated || op.keyword("in") {
            if negated {
                match self.next() {
                    Some(t) if t.keyword("in") => {}
                    Some(t) => {
                        return Err(self.error(
                            t.column,
                            format!("expected «in» after «not», found {}", t.describe()),
                        ));
                    }
                    None => return Err(self.error(self.end_column, "expected «in» after «not»")),
                }
            }
            match self.next() {
                Some(Token { kind: Kind::Open, .. }) => {}
                Some(t) => {
                    return Err(self.error(
                        t.column,
                        format!("expected «(» to open the list, found {}", t.describe()),
                    ));
                }
                None => return Err(self.error(self.end_column, "expected «(» to open the list")),
            }
            let mut values = Vec::new();
            loop {
                let (v, tok) = self.value("a value")?;
                values.push((v, tok));
                match self.next() {
                    Some(Token { kind: Kind::Comma, .. }) => continue,
                    Some(Token { kind: Kind::Close, .. }) => break,
                    Some(t) => {
                        return Err(self.error(
                            t.column,
                            format!("expected «,» or «)», found {}", t.describe()),
                        ));
                    }
                    None => {
                        return Err(self.error(self.end_column, "missing «)» to close the list"));
                    }
                }
            }
            if is_date {
                let periods =
                    values.iter().map(|(v, tok)| self.period(v, tok)).collect::<Result<_, _>>()?;
                return Ok(Condition::DateIn { field, periods, negated });
            }
            return Ok(Condition::OneOf {
                field,
                values: values.into_iter().map(|(v, _)| v).collect(),
                negated,
            });
        }
        let Kind::Op(symbol) = op.kind else {
            return Err(self.error(op.column, format!(
                "expected an operator after «{field}» (=, !=, ~, !~, <, <=, >, >=, in, not in, has), found {}",
                op.describe()
            )));
        };
        let (value, vtok) = self.value(&format!("a value after «{symbol}»"))?;
        let cmp = match symbol {
            "=" => Cmp::Eq,
            "!=" => Cmp::Ne,
            "<" => Cmp::Lt,
            "<=" => Cmp::Le,
            ">" => Cmp::Gt,
            ">=" => Cmp::Ge,
            _ => {
                let regex = regex::RegexBuilder::new(&value)
                    .size_limit(1 << 22)
                    .build()
                    .map_err(|e| self.regex_error(&e, &value, &vtok))?;
                return Ok(Condition::Regex { field, regex, negated: symbol == "!~" });
            }
        };
        if is_date {
            let period = self.period(&value, &vtok)?;
            return Ok(Condition::Date { field, cmp, period });
        }
        match cmp {
            Cmp::Eq | Cmp::Ne => Ok(Condition::Text { field, cmp, value }),
            _ => match value.trim().parse::<f64>() {
                Ok(x) if x.is_finite() => Ok(Condition::Number { field, cmp, value: x }),
                _ => Err(self.error(vtok.inner, format!(
                    "«{symbol}» compares numbers (or dates on the date field «{}»); «{value}» is not a number",
                    self.options.date_fields.first().map_or("date", String::as_str)
                ))),
            },
        }
    }

    fn period(&self, value: &str, tok: &Token) -> Result<Period, WhereError> {
        Period::parse(value).map_err(|e| self.error(tok.inner + e.column - 1, e.message))
    }

    fn regex_error(&self, e: &regex::Error, pattern: &str, tok: &Token) -> WhereError {
        match e {
            regex::Error::Syntax(text) => {
                // The crate's message shows the pattern, a line of carets under the problem
                // (indented like the pattern) and an `error: …` line.
                let lines: Vec<&str> = text.lines().collect();
                let message = lines
                    .iter()
                    .find_map(|l| l.strip_prefix("error: "))
                    .unwrap_or("invalid regular expression");
                let caret = lines
                    .iter()
                    .position(|l| l.trim() == pattern.trim() && !pattern.trim().is_empty());
                let offset = caret
                    .and_then(|i| {
                        let indent = lines[i].len() - lines[i].trim_start().len();
                        let marks = lines.get(i + 1)?;
                        let at = marks.find('^')?;
                        at.checked_sub(indent)
                    })
                    .unwrap_or(0);
                self.error(tok.inner + offset, format!("invalid regular expression: {message}"))
            }
            other => self.error(tok.inner, format!("regular expression too large: {other}")),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
