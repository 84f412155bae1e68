//! Decimal numbers read from text or JSON, and the bounds each kind of amount keeps.
//!
//! Every number that enters the crate passes through [`parse_decimal_text`] and a set of
//! [`NumberRules`]. The bounds (at most 8 decimal places, at most 10^12) keep the
//! products and sums the crate forms (notional, fees, cash, P&L) at no more than 16
//! places, inside the 28 digits of [`Decimal`] for any realistic account; the
//! arithmetic in [`crate::exact`] still refuses any result it could not hold exactly.

use std::fmt;

use rust_decimal::Decimal;

/// The reason a number was refused. Messages are lowercase and name no field; the
/// caller adds the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidNumber {
    #[error("{0:?} is not a decimal number")]
    NotANumber(String),
    #[error("must be greater than zero, got {0}")]
    NotPositive(Decimal),
    #[error("must not be negative, got {0}")]
    Negative(Decimal),
    #[error("must have at most {max} decimal places, got {value}")]
    TooManyDecimalPlaces { value: Decimal, max: u32 },
    #[error("must be at most {max}, got {value}")]
    TooLarge { value: Decimal, max: Decimal },
}

/// Reads a plain decimal (`-12.5`, `0.00001`) or one in scientific notation (`1e-5`,
/// which is how JSON serialisers often print small numbers). Surrounding white space is
/// ignored; anything else (empty text, `NaN`, `1_000`, `0x10`, digits the decimal type
/// cannot hold exactly) is refused. The result is normalised: `1.50` reads as `1.5`.
pub fn parse_decimal_text(raw: &str) -> Result<Decimal, InvalidNumber> {
    let text = raw.trim();
    let not_a_number = || InvalidNumber::NotANumber(raw.to_owned());
    let (significand, exponent) = match text.find(['e', 'E']) {
        Some(position) => (&text[..position], Some(&text[position + 1..])),
        None => (text, None),
    };
    if !is_plain_decimal(significand) || exponent.is_some_and(|exponent| !is_integer(exponent)) {
        return Err(not_a_number());
    }
    let parsed = match exponent {
        Some(_) => Decimal::from_scientific(text),
        None => Decimal::from_str_exact(text.strip_prefix('+').unwrap_or(text)),
    };
    parsed.map(|value| value.normalize()).map_err(|_| not_a_number())
}

/// Whether `text` is an optional sign, digits, and optionally a point and more digits,
/// with at least one digit on either side of the point.
fn is_plain_decimal(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    (!whole.is_empty() || !fraction.is_empty()) && all_digits(whole) && all_digits(fraction)
}

fn is_integer(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a kind of number must be above zero or only not below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SignRule {
    Positive,
    NonNegative,
}

/// The bounds one kind of number keeps.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NumberRules {
    pub sign: SignRule,
    pub max_decimal_places: u32,
    /// The largest allowed value, as a whole number.
    pub max_value: i64,
}

impl NumberRules {
    /// Returns the normalised value when it keeps these bounds.
    pub fn check(&self, value: Decimal) -> Result<Decimal, InvalidNumber> {
        let value = value.normalize();
        match self.sign {
            SignRule::Positive if value <= Decimal::ZERO => return Err(InvalidNumber::NotPositive(value)),
            SignRule::NonNegative if value < Decimal::ZERO => return Err(InvalidNumber::Negative(value)),
            _ => {}
        }
        if value.scale() > self.max_decimal_places {
            return Err(InvalidNumber::TooManyDecimalPlaces { value, max: self.max_decimal_places });
        }
        let max = Decimal::from(self.max_value);
        if value > max {
            return Err(InvalidNumber::TooLarge { value, max });
        }
        Ok(value)
    }
}

/// Reads a number from a JSON-like format: a string is taken as it is, an integer
/// exactly, and a float by its shortest round-trip decimal (`0.1` reads as `0.1`). The
/// text still has to pass [`parse_decimal_text`].
pub(crate) fn deserialize_number_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    deserializer.deserialize_any(NumberTextVisitor)
}

/// Like [`deserialize_number_text`], for an optional number (`null` or absent is `None`).
pub(crate) fn deserialize_optional_number_text<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    deserializer.deserialize_option(OptionalNumberTextVisitor)
}

struct NumberTextVisitor;

impl serde::de::Visitor<'_> for NumberTextVisitor {
    type Value = String;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a decimal number or a string holding one")
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

    fn visit_i128<E: serde::de::Error>(self, value: i128) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_u128<E: serde::de::Error>(self, value: u128) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<String, E> {
        // Rust prints floats as their shortest round-trip decimal, never in exponent form.
        // NaN and infinities print as words that `parse_decimal_text` refuses.
        Ok(value.to_string())
    }
}

struct OptionalNumberTextVisitor;

impl<'de> serde::de::Visitor<'de> for OptionalNumberTextVisitor {
    type Value = Option<String>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("null, a decimal number or a string holding one")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserialize_number_text(deserializer).map(Some)
    }
}

/// Implements the shared surface of a bounded decimal newtype `$name(Decimal)` with the
/// given [`NumberRules`]: `parse` from text, `TryFrom<Decimal>`, `value`, `Display`, and
/// serde as a decimal string (reading strings or numbers back through `parse`).
macro_rules! bounded_decimal {
    ($name:ident, $rules:expr) => {
        impl $name {
            /// Reads the value from text (see [`crate::parse_decimal_text`]) and checks its bounds.
            pub fn parse(raw: &str) -> Result<Self, $crate::InvalidNumber> {
                Self::try_from($crate::number::parse_decimal_text(raw)?)
            }

            /// The value, normalised (no trailing zeros).
            pub fn value(self) -> rust_decimal::Decimal {
                self.0
            }
        }

        impl TryFrom<rust_decimal::Decimal> for $name {
            type Error = $crate::InvalidNumber;

            fn try_from(value: rust_decimal::Decimal) -> Result<Self, Self::Error> {
                $rules.check(value).map(Self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.0, f)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = $crate::number::deserialize_number_text(deserializer)?;
                Self::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use bounded_decimal;

#[cfg(test)]
mod tests {
    use super::*;

    fn decimal(text: &str) -> Decimal {
        parse_decimal_text(text).unwrap_or_else(|error| panic!("{text}: {error}"))
    }

    #[test]
    fn reads_plain_and_scientific_decimals() {
        assert_eq!(decimal("12.50").to_string(), "12.5");
        assert_eq!(decimal(" -3 ").to_string(), "-3");
        assert_eq!(decimal("+0.25").to_string(), "0.25");
        assert_eq!(decimal(".5").to_string(), "0.5");
        assert_eq!(decimal("5.").to_string(), "5");
        assert_eq!(decimal("1e-5").to_string(), "0.00001");
        assert_eq!(decimal("2.5E3").to_string(), "2500");
    }

    #[test]
    fn refuses_what_is_not_a_decimal() {
        for raw in ["", " ", ".", "-", "abc", "1_000", "0x10", "1.2.3", "NaN", "inf", "1e", "e5", "1e1.5", "1,5"] {
            assert_eq!(parse_decimal_text(raw), Err(InvalidNumber::NotANumber(raw.to_owned())), "{raw:?}");
        }
        // More digits than the decimal type holds exactly.
        assert!(parse_decimal_text("0.00000000000000000000000000001").is_err());
    }

    #[test]
    fn checks_sign_places_and_size() {
        let positive = NumberRules { sign: SignRule::Positive, max_decimal_places: 2, max_value: 100 };
        assert_eq!(positive.check(decimal("1.50")), Ok(decimal("1.5")));
        assert_eq!(positive.check(Decimal::ZERO), Err(InvalidNumber::NotPositive(Decimal::ZERO)));
        assert_eq!(
            positive.check(decimal("1.234")),
            Err(InvalidNumber::TooManyDecimalPlaces { value: decimal("1.234"), max: 2 })
        );
        assert_eq!(
            positive.check(decimal("100.01")),
            Err(InvalidNumber::TooLarge { value: decimal("100.01"), max: Decimal::from(100) })
        );
        let non_negative = NumberRules { sign: SignRule::NonNegative, ..positive };
        assert_eq!(non_negative.check(Decimal::ZERO), Ok(Decimal::ZERO));
        assert_eq!(non_negative.check(decimal("-1")), Err(InvalidNumber::Negative(decimal("-1"))));
    }
}
