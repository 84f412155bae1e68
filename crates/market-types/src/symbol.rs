//! Exchange symbols such as `BTCUSDT`, and the split into base and quote asset.

use std::fmt;

/// Quote assets recognised when a symbol name has to be split into base and quote.
/// Longer names come first so that `FDUSD` wins over `USD`-like suffixes.
const KNOWN_QUOTE_ASSETS: &[&str] =
    &["FDUSD", "USDT", "USDC", "BUSD", "TUSD", "USDP", "DAI", "EUR", "TRY", "BRL", "GBP", "JPY", "BTC", "ETH", "BNB"];

/// An exchange symbol: 2 to 30 upper-case ASCII letters and digits, e.g. `BTCUSDT`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Symbol(String);

/// The reason a symbol name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid symbol {0:?}: expected 2 to 30 letters A-Z and digits, e.g. BTCUSDT")]
pub struct InvalidSymbol(pub String);

impl Symbol {
    /// Parses a symbol; lower-case input is accepted and upper-cased.
    pub fn parse(raw: &str) -> Result<Self, InvalidSymbol> {
        let upper = raw.trim().to_ascii_uppercase();
        let valid_length = (2..=30).contains(&upper.len());
        let valid_characters = upper.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if valid_length && valid_characters { Ok(Self(upper)) } else { Err(InvalidSymbol(raw.to_owned())) }
    }

    /// Builds a symbol from a base and a quote asset, e.g. `BTC` + `USDT`.
    pub fn from_assets(base: &str, quote: &str) -> Result<Self, InvalidSymbol> {
        Self::parse(&format!("{base}{quote}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Splits the symbol into (base, quote) by the longest known quote-asset suffix.
    /// Returns `None` when no known quote asset ends the name.
    pub fn split_assets(&self) -> Option<(&str, &str)> {
        KNOWN_QUOTE_ASSETS.iter().find_map(|quote| {
            let base = self.0.strip_suffix(quote)?;
            (!base.is_empty()).then_some((base, *quote))
        })
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Symbol {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_uppercases() {
        assert_eq!(Symbol::parse("btcusdt").map(|s| s.0), Ok("BTCUSDT".to_owned()));
    }

    #[test]
    fn refuses_bad_names() {
        for raw in ["", "B", "BTC-USDT", "BTC USDT", "ÄBC", &"A".repeat(31)] {
            assert_eq!(Symbol::parse(raw), Err(InvalidSymbol(raw.to_owned())), "{raw:?}");
        }
    }

    #[test]
    fn splits_by_longest_known_quote() -> Result<(), InvalidSymbol> {
        assert_eq!(Symbol::parse("BTCUSDT")?.split_assets(), Some(("BTC", "USDT")));
        assert_eq!(Symbol::parse("ETHBTC")?.split_assets(), Some(("ETH", "BTC")));
        assert_eq!(Symbol::parse("BTCFDUSD")?.split_assets(), Some(("BTC", "FDUSD")));
        assert_eq!(Symbol::parse("1000SATSUSDT")?.split_assets(), Some(("1000SATS", "USDT")));
        assert_eq!(Symbol::parse("USDT")?.split_assets(), None);
        assert_eq!(Symbol::parse("ABCXYZ")?.split_assets(), None);
        Ok(())
    }
}
