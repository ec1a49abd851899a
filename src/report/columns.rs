//! How a row struct becomes a CSV table: its serde field names are the columns, in order
//! ([`columns`]), and the cell formats every table shares (`serialize_with`/`with` helpers:
//! 6-decimal numbers, sides, term lists).

use crate::corpus::Side;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serializer};

/// The columns of a row type: the field names its derived `Deserialize` asks for, in order. So
/// a table's column list is written once, as its row struct.
pub fn columns<'de, R: Deserialize<'de>>() -> &'static [&'static str] {
    let mut fields = None;
    let _ = R::deserialize(FieldNames(&mut fields));
    fields.unwrap_or(&[])
}

/// A deserializer that only records the field names of the struct asked for, then stops.
struct FieldNames<'a>(&'a mut Option<&'static [&'static str]>);

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = Some(fields);
        Err(de::Error::custom("field names read"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// A number as every table writes it: 6 decimals, never `-0.000000`.
pub(crate) fn f6(x: f64) -> String {
    with_f6(x, str::to_string)
}

/// `f(`[`f6`]`(x))` without building a `String` for the common case
/// ([`super::fixed6`]: the tables' numbers are millions of cells).
pub(crate) fn with_f6<R>(x: f64, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 24];
    match super::fixed6::fixed6(x, &mut buf) {
        Some(n) => {
            let s = std::str::from_utf8(&buf[..n]).expect("fixed6 writes ASCII");
            f(if s == "-0.000000" { "0.000000" } else { s })
        }
        None => f(&format!("{x:.6}")),
    }
}

/// `x` as its [`f6`] cell reads back: the number a table holds, and what anyone recomputing
/// from the table starts from (a mean of written cells can differ in its 6th decimal from the
/// mean of the unrounded values when it falls half-way).
pub(crate) fn as_written(x: f64) -> f64 {
    with_f6(x, |t| t.parse().unwrap_or(x))
}

/// [`f6`] of a number that may be absent (empty cell).
pub(crate) fn o6(x: Option<f64>) -> String {
    x.map(f6).unwrap_or_default()
}

/// Cell formats for `#[serde(serialize_with = "…", deserialize_with = "…")]`.
pub(crate) mod cell {
    use super::*;

    /// A number cell: [`f6`].
    pub fn f6<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        super::with_f6(*x, |t| s.serialize_str(t))
    }

    /// A number that may be absent: [`o6`] (empty when absent).
    pub fn o6<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match x {
            Some(x) => f6(x, s),
            None => s.serialize_str(""),
        }
    }

    /// A side: `kremlin`, `western`, or empty; read as researchers write it ([`Side::parse`]).
    pub fn side<S: Serializer>(x: &Option<Side>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(x.map_or("", Side::as_str))
    }

    pub fn read_side<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Side>, D::Error> {
        Ok(Side::parse(&String::deserialize(d)?))
    }

    /// Weighted terms: `term:0.1234; term:…` (4 decimals).
    pub fn terms<S: Serializer>(t: &[(String, f64)], s: S) -> Result<S::Ok, S::Error> {
        let cell = t
            .iter()
            .map(|(t, w)| format!("{t}:{w:.4}"))
            .collect::<Vec<_>>()
            .join("; ");
        s.serialize_str(&cell)
    }

    pub fn read_terms<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, f64)>, D::Error> {
        Ok(String::deserialize(d)?
            .split("; ")
            .filter(|t| !t.is_empty())
            .filter_map(|t| {
                t.rsplit_once(':')
                    .and_then(|(a, b)| b.parse().ok().map(|w| (a.to_string(), w)))
            })
            .collect())
    }

    /// A list: `a; b; c`.
    pub fn list<S: Serializer>(x: &[String], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&x.join("; "))
    }

    pub fn read_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        Ok(String::deserialize(d)?
            .split("; ")
            .filter(|x| !x.is_empty())
            .map(String::from)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Two {
        first: u8,
        #[serde(rename = "second_column")]
        second: String,
    }

    #[test]
    fn columns_are_the_field_names_in_order() {
        assert_eq!(columns::<Two>(), ["first", "second_column"]);
        assert!(columns::<u8>().is_empty());
    }

    #[test]
    fn numbers_have_six_decimals_and_no_negative_zero() {
        assert_eq!(f6(-0.0000001), "0.000000");
        assert_eq!(f6(0.25), "0.250000");
        assert_eq!(o6(None), "");
    }
}
