//! Fee rates in basis points, and the fee they charge on a notional.

use rust_decimal::Decimal;

use crate::exact::{self, AmountOutOfRange};
use crate::number::{NumberRules, SignRule, bounded_decimal};

/// A fee rate in basis points of the notional (`5` is 0.05 %): at least zero, at most
/// 10,000 (100 %), at most 4 decimal places. Negative or non-numeric rates are refused
/// by `parse`/`TryFrom`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FeeBps(Decimal);

const FEE_BPS_RULES: NumberRules =
    NumberRules { sign: SignRule::NonNegative, max_decimal_places: 4, max_value: 10_000 };

bounded_decimal!(FeeBps, FEE_BPS_RULES);

impl FeeBps {
    /// The number of decimal places a fee is rounded to.
    pub const FEE_DECIMAL_PLACES: u32 = 8;

    /// No fee.
    pub const ZERO: FeeBps = FeeBps(Decimal::ZERO);

    /// The fee on `notional`: `notional x bps / 10000`, computed exactly and then rounded
    /// half away from zero to [`Self::FEE_DECIMAL_PLACES`] (8) decimal places, the
    /// precision Binance books commissions in. The rounding keeps cash and fee totals at
    /// a bounded number of places; it is the only rounding in a fill.
    pub fn fee_on(self, notional: Decimal) -> Result<Decimal, AmountOutOfRange> {
        exact::mul_shift_rounded(notional, self.0, 4, Self::FEE_DECIMAL_PLACES)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::InvalidNumber;

    #[test]
    fn parses_rates_and_refuses_negative_or_non_numeric_ones() -> Result<(), InvalidNumber> {
        assert_eq!(FeeBps::parse("5")?.to_string(), "5");
        assert_eq!(FeeBps::parse("7.5")?.to_string(), "7.5");
        assert_eq!(FeeBps::parse("0")?, FeeBps::ZERO);
        assert!(matches!(FeeBps::parse("-1"), Err(InvalidNumber::Negative(_))));
        assert!(matches!(FeeBps::parse("five"), Err(InvalidNumber::NotANumber(_))));
        assert!(matches!(FeeBps::parse("10000.5"), Err(InvalidNumber::TooLarge { .. })));
        Ok(())
    }

    #[test]
    fn charges_the_rate_on_the_notional() -> Result<(), Box<dyn std::error::Error>> {
        // 60000 x 5 / 10000 = 30.
        assert_eq!(FeeBps::parse("5")?.fee_on(Decimal::from(60_000))?, Decimal::from(30));
        // 123.45678901 x 7.5 / 10000 = 0.0925925917575, rounded to 8 places: 0.09259259.
        assert_eq!(FeeBps::parse("7.5")?.fee_on(Decimal::new(12_345_678_901, 8))?, Decimal::new(9_259_259, 8));
        // 0.0001 x 5 / 10000 = 0.00000005 exactly; 0.0001 x 4 / 10000 = 0.00000004.
        assert_eq!(FeeBps::parse("5")?.fee_on(Decimal::new(1, 4))?, Decimal::new(5, 8));
        // 0.00001 x 5 / 10000 = 0.000000005, the half rounds away from zero to 0.00000001.
        assert_eq!(FeeBps::parse("5")?.fee_on(Decimal::new(1, 5))?, Decimal::new(1, 8));
        assert_eq!(FeeBps::ZERO.fee_on(Decimal::from(60_000))?, Decimal::ZERO);
        Ok(())
    }
}
