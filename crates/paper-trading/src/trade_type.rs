//! The kinds of trade plan and how many legs each takes.

use std::fmt;

/// The shape of a trade plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TradeType {
    /// Exactly one leg.
    Single,
    /// Exactly two legs on opposite sides and different symbols, e.g. long ETHUSDT and
    /// short BTCUSDT.
    Pair,
    /// Two or more legs, on any sides.
    Basket,
}

/// The reason a trade type name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid trade type {0:?}: expected single, pair or basket")]
pub struct InvalidTradeType(pub String);

impl TradeType {
    /// Parses `single`, `pair` or `basket`, ignoring case and surrounding white space.
    pub fn parse(raw: &str) -> Result<Self, InvalidTradeType> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "single" => Ok(Self::Single),
            "pair" => Ok(Self::Pair),
            "basket" => Ok(Self::Basket),
            _ => Err(InvalidTradeType(raw.to_owned())),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Single => "single",
            Self::Pair => "pair",
            Self::Basket => "basket",
        }
    }

    /// Whether a plan of this type may have `count` legs.
    pub fn allows_leg_count(self, count: usize) -> bool {
        match self {
            Self::Single => count == 1,
            Self::Pair => count == 2,
            Self::Basket => count >= 2,
        }
    }

    /// The leg count rule in words, for error messages.
    pub fn leg_count_rule(self) -> &'static str {
        match self {
            Self::Single => "exactly one leg",
            Self::Pair => "exactly two legs",
            Self::Basket => "two or more legs",
        }
    }
}

impl fmt::Display for TradeType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_counts_legs() {
        assert_eq!(TradeType::parse("Pair"), Ok(TradeType::Pair));
        assert_eq!(TradeType::parse("spread"), Err(InvalidTradeType("spread".to_owned())));
        let allowed =
            |trade_type: TradeType| (0..5).filter(|&count| trade_type.allows_leg_count(count)).collect::<Vec<_>>();
        assert_eq!(allowed(TradeType::Single), [1]);
        assert_eq!(allowed(TradeType::Pair), [2]);
        assert_eq!(allowed(TradeType::Basket), [2, 3, 4]);
    }
}
