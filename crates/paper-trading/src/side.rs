//! The side of a plan leg (long or short) and of a fill or order (buy or sell).

use std::fmt;

use rust_decimal::Decimal;

/// Which way a plan leg bets: `long` profits when the price rises, `short` when it falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Long,
    Short,
}

/// The reason a side name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid side {0:?}: expected long or short")]
pub struct InvalidSide(pub String);

impl Side {
    /// Parses `long` or `short`, ignoring case and surrounding white space.
    pub fn parse(raw: &str) -> Result<Self, InvalidSide> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "long" => Ok(Self::Long),
            "short" => Ok(Self::Short),
            _ => Err(InvalidSide(raw.to_owned())),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Long => "long",
            Self::Short => "short",
        }
    }

    /// The other side.
    pub fn opposite(self) -> Self {
        match self {
            Self::Long => Self::Short,
            Self::Short => Self::Long,
        }
    }

    /// The fill that opens a leg of this side: a long buys, a short sells.
    pub fn opening_fill_side(self) -> FillSide {
        match self {
            Self::Long => FillSide::Buy,
            Self::Short => FillSide::Sell,
        }
    }

    /// The fill that closes a leg of this side: the reverse of the opening fill.
    pub fn closing_fill_side(self) -> FillSide {
        self.opening_fill_side().opposite()
    }

    /// `1` for long, `-1` for short: the sign of the leg's price exposure.
    pub fn sign(self) -> Decimal {
        match self {
            Self::Long => Decimal::ONE,
            Self::Short => Decimal::NEGATIVE_ONE,
        }
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The direction of a fill or an order: `buy` adds to the position, `sell` takes away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FillSide {
    Buy,
    Sell,
}

/// The reason a buy/sell name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid side {0:?}: expected buy or sell")]
pub struct InvalidFillSide(pub String);

impl FillSide {
    /// Parses `buy` or `sell`, ignoring case and surrounding white space.
    pub fn parse(raw: &str) -> Result<Self, InvalidFillSide> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "buy" => Ok(Self::Buy),
            "sell" => Ok(Self::Sell),
            _ => Err(InvalidFillSide(raw.to_owned())),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Buy => "buy",
            Self::Sell => "sell",
        }
    }

    pub fn opposite(self) -> Self {
        match self {
            Self::Buy => Self::Sell,
            Self::Sell => Self::Buy,
        }
    }

    /// `1` for a buy, `-1` for a sell: the sign of the change in the position.
    pub fn sign(self) -> Decimal {
        match self {
            Self::Buy => Decimal::ONE,
            Self::Sell => Decimal::NEGATIVE_ONE,
        }
    }
}

impl fmt::Display for FillSide {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sides() {
        assert_eq!(Side::parse(" Long "), Ok(Side::Long));
        assert_eq!(Side::parse("short"), Ok(Side::Short));
        assert_eq!(Side::parse("buy"), Err(InvalidSide("buy".to_owned())));
        assert_eq!(FillSide::parse("SELL"), Ok(FillSide::Sell));
        assert_eq!(FillSide::parse("long"), Err(InvalidFillSide("long".to_owned())));
    }

    #[test]
    fn opening_and_closing_fills_mirror_each_other() {
        assert_eq!(Side::Long.opening_fill_side(), FillSide::Buy);
        assert_eq!(Side::Long.closing_fill_side(), FillSide::Sell);
        assert_eq!(Side::Short.opening_fill_side(), FillSide::Sell);
        assert_eq!(Side::Short.closing_fill_side(), FillSide::Buy);
        assert_eq!(Side::Short.opposite(), Side::Long);
    }
}
