//! Amounts of the quote asset that a caller sets: a plan's maximum risk and an
//! account's starting cash.

use rust_decimal::Decimal;

use crate::number::{NumberRules, SignRule, bounded_decimal};

/// The most a plan is meant to lose, in the quote asset; the unit of its R multiple.
/// Greater than zero, at most 8 decimal places and at most 10^12.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RiskAmount(Decimal);

const RISK_AMOUNT_RULES: NumberRules =
    NumberRules { sign: SignRule::Positive, max_decimal_places: 8, max_value: 1_000_000_000_000 };

bounded_decimal!(RiskAmount, RISK_AMOUNT_RULES);

/// The cash a paper account starts with, in the quote asset: at least zero, at most 8
/// decimal places and at most 10^12. The default is 100,000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StartingCash(Decimal);

const STARTING_CASH_RULES: NumberRules =
    NumberRules { sign: SignRule::NonNegative, max_decimal_places: 8, max_value: 1_000_000_000_000 };

bounded_decimal!(StartingCash, STARTING_CASH_RULES);

impl Default for StartingCash {
    fn default() -> Self {
        Self(Decimal::from(100_000))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::InvalidNumber;

    #[test]
    fn checks_risk_amounts_and_starting_cash() -> Result<(), InvalidNumber> {
        assert_eq!(RiskAmount::parse("250")?.to_string(), "250");
        assert!(matches!(RiskAmount::parse("0"), Err(InvalidNumber::NotPositive(_))));
        assert_eq!(StartingCash::parse("0")?.value(), Decimal::ZERO);
        assert!(matches!(StartingCash::parse("-1"), Err(InvalidNumber::Negative(_))));
        assert_eq!(StartingCash::default().to_string(), "100000");
        Ok(())
    }
}
