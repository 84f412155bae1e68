//! Prices in the quote asset: positive, at most 8 decimal places.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::InvalidNumber;
use crate::number::{NumberRules, SignRule, bounded_decimal, parse_decimal_text};

/// A price of one unit of the base asset in the quote asset, e.g. `60000.5` USDT per
/// BTC: greater than zero, at most 8 decimal places (the finest Binance tick) and at
/// most 10^12.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Price(Decimal);

const PRICE_RULES: NumberRules =
    NumberRules { sign: SignRule::Positive, max_decimal_places: 8, max_value: 1_000_000_000_000 };

bounded_decimal!(Price, PRICE_RULES);

impl Price {
    /// Converts a candle close from the market data (stored as `f64`) into a price: the
    /// float's shortest round-trip decimal (`60000.01` stays `60000.01`), rounded half
    /// away from zero to 8 decimal places. Closes imported from Binance files have at
    /// most 8 places, so for them the rounding changes nothing.
    pub fn from_close(close: f64) -> Result<Self, InvalidNumber> {
        let decimal = parse_decimal_text(&close.to_string())?;
        Self::try_from(
            decimal.round_dp_with_strategy(PRICE_RULES.max_decimal_places, RoundingStrategy::MidpointAwayFromZero),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_positive_prices() -> Result<(), InvalidNumber> {
        assert_eq!(Price::parse("60000.10")?.to_string(), "60000.1");
        assert_eq!(Price::parse("1e-8")?.to_string(), "0.00000001");
        Ok(())
    }

    #[test]
    fn refuses_non_positive_prices() {
        assert!(matches!(Price::parse("0"), Err(InvalidNumber::NotPositive(_))));
        assert!(matches!(Price::parse("-5"), Err(InvalidNumber::NotPositive(_))));
        assert!(matches!(Price::parse(""), Err(InvalidNumber::NotANumber(_))));
    }

    #[test]
    fn converts_candle_closes() -> Result<(), InvalidNumber> {
        assert_eq!(Price::from_close(60000.01)?.to_string(), "60000.01");
        assert_eq!(Price::from_close(0.1)?.to_string(), "0.1");
        assert_eq!(Price::from_close(0.000012345)?.to_string(), "0.00001235");
        assert!(Price::from_close(f64::NAN).is_err());
        assert!(Price::from_close(0.0).is_err());
        assert!(Price::from_close(-1.0).is_err());
        Ok(())
    }
}
