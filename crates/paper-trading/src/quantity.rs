//! Quantities of a base asset: positive, at most 8 decimal places.

use rust_decimal::Decimal;

use crate::number::{NumberRules, SignRule, bounded_decimal};

/// A quantity of a base asset, e.g. `0.5` BTC: greater than zero, at most 8 decimal
/// places (the finest step Binance trades) and at most 10^12.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quantity(Decimal);

const QUANTITY_RULES: NumberRules =
    NumberRules { sign: SignRule::Positive, max_decimal_places: 8, max_value: 1_000_000_000_000 };

bounded_decimal!(Quantity, QUANTITY_RULES);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::InvalidNumber;

    #[test]
    fn parses_positive_quantities() -> Result<(), InvalidNumber> {
        assert_eq!(Quantity::parse("0.50000000")?.to_string(), "0.5");
        assert_eq!(Quantity::parse("0.00000001")?.to_string(), "0.00000001");
        assert_eq!(Quantity::parse("1000000000000")?.to_string(), "1000000000000");
        Ok(())
    }

    #[test]
    fn refuses_zero_negative_too_fine_and_too_large() {
        assert!(matches!(Quantity::parse("0"), Err(InvalidNumber::NotPositive(_))));
        assert!(matches!(Quantity::parse("-1"), Err(InvalidNumber::NotPositive(_))));
        assert!(matches!(Quantity::parse("0.000000001"), Err(InvalidNumber::TooManyDecimalPlaces { .. })));
        assert!(matches!(Quantity::parse("1000000000000.1"), Err(InvalidNumber::TooLarge { .. })));
        assert!(matches!(Quantity::parse("one"), Err(InvalidNumber::NotANumber(_))));
    }

    #[test]
    fn serialises_as_a_string_and_reads_strings_or_numbers() -> Result<(), serde_json::Error> {
        let quantity: Quantity = serde_json::from_str("\"1.50\"")?;
        assert_eq!(serde_json::to_string(&quantity)?, "\"1.5\"");
        assert_eq!(serde_json::from_str::<Quantity>("1.5")?, quantity);
        assert_eq!(serde_json::from_str::<Quantity>("2")?.to_string(), "2");
        assert!(serde_json::from_str::<Quantity>("-1").is_err());
        assert!(serde_json::from_str::<Quantity>("\"x\"").is_err());
        Ok(())
    }
}
