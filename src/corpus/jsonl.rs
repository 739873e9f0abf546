//! Parsing one JSON Lines record: the text, id and title fields, and every other field as
//! metadata in input order.
//!
//! The record is deserialized in a single pass with a custom visitor (no intermediate map),
//! so field order is kept without `serde_json`'s `preserve_order` feature and strings
//! without escapes are copied once.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// The names of the fields that are not metadata.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FieldNames<'a> {
    /// Key of the document text.
    pub text: &'a str,
    /// Key of the document id.
    pub id: &'a str,
    /// Key of the document title.
    pub title: &'a str,
}

/// One parsed record.
#[derive(Debug, Default)]
pub(crate) struct Record {
    /// The text field, if present.
    pub text: Option<Value>,
    /// The id field, if present.
    pub id: Option<Value>,
    /// The title field, if present.
    pub title: Option<Value>,
    /// Every other field, in input order, as text.
    pub meta: Vec<(String, String)>,
}

/// A field value, reduced to what a [`super::Document`] needs.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Value {
    /// A JSON string, unescaped.
    Str(String),
    /// `null`.
    Null,
    /// Any other value: what it is ("a number", "an array"…) and its JSON text.
    Other {
        /// "a number", "a boolean", "an array" or "an object".
        kind: &'static str,
        /// The value written as compact JSON.
        json: String,
    },
}

impl Value {
    /// The value as metadata text: strings as they are, anything else as JSON text.
    pub(crate) fn into_text(self) -> String {
        match self {
            Value::Str(s) => s,
            Value::Null => "null".to_owned(),
            Value::Other { json, .. } => json,
        }
    }

    /// What kind of JSON value this is, for messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Value::Str(_) => "a string",
            Value::Null => "null",
            Value::Other { kind, .. } => kind,
        }
    }
}

/// Why a line could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParseError {
    /// Byte offset within the line, when serde_json tells it.
    pub offset: Option<u64>,
    /// One line of plain English.
    pub reason: String,
}

/// Parses one JSONL line (already decoded, without its line terminator).
///
/// # Errors
/// Invalid JSON, a value other than an object, or trailing characters after it.
pub(crate) fn parse_record(line: &str, names: FieldNames<'_>) -> Result<Record, ParseError> {
    let mut de = serde_json::Deserializer::from_str(line);
    let rec = RecordSeed { names }.deserialize(&mut de).and_then(|r| de.end().map(|()| r));
    rec.map_err(|e| {
        let msg = e.to_string();
        let msg = msg.rsplit_once(" at line ").map_or(msg.as_str(), |(m, _)| m);
        if e.is_data() {
            ParseError { offset: None, reason: format!("not a JSON object record: {msg}") }
        } else {
            let at = e.column().saturating_sub(1);
            ParseError {
                offset: Some(at as u64),
                reason: format!("invalid JSON (byte {at}): {msg}"),
            }
        }
    })
}

struct RecordSeed<'a> {
    names: FieldNames<'a>,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Record;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Record, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let mut rec = Record::default();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let value = map.next_value::<Value>()?;
            if key == self.names.text {
                rec.text = Some(value);
            } else if key == self.names.id {
                rec.id = Some(value);
            } else if !self.names.title.is_empty() && key == self.names.title {
                rec.title = Some(value);
            } else {
                rec.meta.push((key.into_owned(), value.into_text()));
            }
        }
        Ok(rec)
    }
}

/// An object key, borrowed from the line when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

impl<'de> de::Deserialize<'de> for Value {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Other { kind: "a boolean", json: v.to_string() })
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Other { kind: "a number", json: v.to_string() })
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Other { kind: "a number", json: v.to_string() })
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Other { kind: "a number", json: serde_json::Value::from(v).to_string() })
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Value, A::Error> {
        let v: serde_json::Value =
            de::Deserialize::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(Value::Other { kind: "an array", json: v.to_string() })
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
        let v: serde_json::Value =
            de::Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(Value::Other { kind: "an object", json: v.to_string() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: FieldNames<'static> = FieldNames { text: "text", id: "id", title: "title" };

    #[test]
    fn fields_and_meta_in_order() -> Result<(), ParseError> {
        let r = parse_record(
            r#"{"z":"1","text":"a\nb","id":7,"n":null,"x":[1,{"b":2}],"title":"T","a":1.5}"#,
            NAMES,
        )?;
        assert_eq!(r.text, Some(Value::Str("a\nb".into())));
        assert_eq!(r.id, Some(Value::Other { kind: "a number", json: "7".into() }));
        assert_eq!(r.title, Some(Value::Str("T".into())));
        let meta: Vec<(&str, &str)> =
            r.meta.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(meta, [("z", "1"), ("n", "null"), ("x", r#"[1,{"b":2}]"#), ("a", "1.5")]);
        Ok(())
    }

    #[test]
    fn errors() {
        let e = parse_record(r#"{"text": "a",}"#, NAMES).err();
        assert!(e.is_some_and(|e| e.reason.starts_with("invalid JSON") && e.offset.is_some()));
        let e = parse_record("[1, 2]", NAMES).err();
        assert!(e.is_some_and(|e| e.reason.starts_with("not a JSON object")));
        let e = parse_record(r#"{"text": "a"} x"#, NAMES).err();
        assert!(e.is_some_and(|e| e.reason.contains("trailing")));
    }
}
