//! Paper account identifiers such as `paper-main`.

use std::fmt;

/// The identifier of a paper account within a workspace: 1 to 64 ASCII letters,
/// digits, `-` or `_`. Every workspace has [`AccountId::default`], `paper-main`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct AccountId(String);

/// The reason an account id was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid account id {0:?}: expected 1 to 64 letters, digits, - or _, e.g. paper-main")]
pub struct InvalidAccountId(pub String);

impl AccountId {
    /// The name of the paper account every workspace has.
    pub const DEFAULT: &'static str = "paper-main";

    /// Parses an account id; surrounding white space is ignored, case is kept.
    pub fn parse(raw: &str) -> Result<Self, InvalidAccountId> {
        let trimmed = raw.trim();
        let valid_length = (1..=64).contains(&trimmed.len());
        let valid_characters = trimmed.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if valid_length && valid_characters {
            Ok(Self(trimmed.to_owned()))
        } else {
            Err(InvalidAccountId(raw.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for AccountId {
    fn default() -> Self {
        Self(Self::DEFAULT.to_owned())
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for AccountId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ids_and_defaults_to_paper_main() {
        assert_eq!(AccountId::default().as_str(), "paper-main");
        assert_eq!(AccountId::parse(" swing_2 ").map(|id| id.0), Ok("swing_2".to_owned()));
        for raw in ["", " ", "paper main", "paper/main", &"a".repeat(65)] {
            assert_eq!(AccountId::parse(raw), Err(InvalidAccountId(raw.to_owned())), "{raw:?}");
        }
    }
}
