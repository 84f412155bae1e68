//! Workspace names and the quote asset a workspace works in.

use std::fmt;

use crate::error::IdentityError;

/// A workspace's name: 1 to 100 characters, trimmed, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WorkspaceName(String);

impl WorkspaceName {
    pub fn parse(raw: &str) -> Result<Self, IdentityError> {
        let name = raw.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(IdentityError::invalid("name", "must be 1 to 100 characters"));
        }
        if name.chars().any(char::is_control) {
            return Err(IdentityError::invalid("name", "must not contain control characters"));
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An asset code such as `USDT`: 2 to 10 upper-case letters or digits (lower case is
/// accepted and upper-cased).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct QuoteAsset(String);

impl QuoteAsset {
    pub fn parse(raw: &str) -> Result<Self, IdentityError> {
        let asset = raw.trim().to_ascii_uppercase();
        if (2..=10).contains(&asset.len()) && asset.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
            Ok(Self(asset))
        } else {
            Err(IdentityError::invalid("default_quote_asset", "must be 2 to 10 letters or digits, e.g. USDT"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for WorkspaceName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for QuoteAsset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_assets_are_checked() {
        assert_eq!(WorkspaceName::parse(" Research ").map(|n| n.0), Ok("Research".to_owned()));
        assert!(WorkspaceName::parse("").is_err());
        assert!(WorkspaceName::parse(&"w".repeat(101)).is_err());
        assert_eq!(QuoteAsset::parse("usdt").map(|a| a.0), Ok("USDT".to_owned()));
        for bad in ["", "U", "US-D", "ABCDEFGHIJK"] {
            assert!(QuoteAsset::parse(bad).is_err(), "{bad:?}");
        }
    }
}
