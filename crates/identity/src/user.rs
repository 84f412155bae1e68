//! Users: display names, account status, and the user record itself.

use std::fmt;

use crate::email::Email;
use crate::error::IdentityError;

/// A user. The password hash is kept apart (see `PasswordHash`) so that a `User` can be
/// passed around and shown without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: String,
    pub email: Email,
    pub display_name: DisplayName,
    pub status: UserStatus,
}

/// Whether a user may log in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UserStatus {
    Active,
    Disabled,
}

impl UserStatus {
    pub fn parse(raw: &str) -> Result<Self, IdentityError> {
        match raw {
            "active" => Ok(Self::Active),
            "disabled" => Ok(Self::Disabled),
            other => Err(IdentityError::invalid("status", format!("expected active or disabled, got {other:?}"))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Disabled => "disabled",
        }
    }
}

/// A user's name as others see it: 1 to 100 characters, trimmed, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, IdentityError> {
        let name = raw.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(IdentityError::invalid("display_name", "must be 1 to 100 characters"));
        }
        if name.chars().any(char::is_control) {
            return Err(IdentityError::invalid("display_name", "must not contain control characters"));
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DisplayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(DisplayName::parse("  Ada Lovelace ").map(|n| n.0), Ok("Ada Lovelace".to_owned()));
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"x".repeat(101)).is_err());
        assert!(DisplayName::parse("bell\u{7}").is_err());
    }

    #[test]
    fn statuses_round_trip() {
        for status in [UserStatus::Active, UserStatus::Disabled] {
            assert_eq!(UserStatus::parse(status.as_str()), Ok(status));
        }
        assert!(UserStatus::parse("banned").is_err());
    }
}
