//! Decimal numbers in request bodies: a JSON string (`"0.5"`, recommended, exact) or a
//! JSON number (`0.5`, read by its shortest round-trip decimal).

use std::fmt;

use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Schema, Type};

/// A decimal as the client wrote it, kept as text for the domain's parser to judge, so
/// that `"abc"` or `-1` get a field-specific error rather than a JSON error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecimalInput(pub String);

impl DecimalInput {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for DecimalInput {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DecimalInputVisitor).map(DecimalInput)
    }
}

/// Documented as a string or a number.
impl utoipa::PartialSchema for DecimalInput {
    fn schema() -> RefOr<Schema> {
        let one_of = OneOfBuilder::new()
            .item(ObjectBuilder::new().schema_type(Type::String).examples(["0.5"]))
            .item(ObjectBuilder::new().schema_type(Type::Number).examples([0.5]))
            .description(Some(
                "a decimal number: a string such as \"0.5\" (exact, recommended) or a JSON number \
                 (read by its shortest round-trip decimal)",
            ))
            .build();
        RefOr::T(Schema::OneOf(one_of))
    }
}

impl utoipa::ToSchema for DecimalInput {}

struct DecimalInputVisitor;

impl serde::de::Visitor<'_> for DecimalInputVisitor {
    type Value = String;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a decimal number, preferably as a string such as \"0.5\"")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<String, E> {
        Ok(value.to_owned())
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<String, E> {
        // The shortest round-trip decimal, never in exponent form.
        Ok(value.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_strings_and_numbers_as_text() -> Result<(), serde_json::Error> {
        let read = |json: &str| serde_json::from_str::<DecimalInput>(json).map(|input| input.0);
        assert_eq!(read("\"0.50\"")?, "0.50");
        assert_eq!(read("60000")?, "60000");
        assert_eq!(read("-5")?, "-5");
        assert_eq!(read("0.1")?, "0.1");
        assert!(read("true").is_err());
        assert!(read("null").is_err());
        Ok(())
    }
}
