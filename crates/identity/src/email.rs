//! E-mail addresses, the login name of a user.

use std::fmt;

use crate::error::IdentityError;

/// An e-mail address, trimmed and lower-cased so that one person has one spelling.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email(String);

impl Email {
    /// Accepts `local@domain.tld`: one `@`, a non-empty local part, a domain of dot-separated
    /// labels (letters, digits, hyphens), no spaces, at most 254 characters.
    pub fn parse(raw: &str) -> Result<Self, IdentityError> {
        let email = raw.trim().to_lowercase();
        let invalid = |reason: &str| IdentityError::invalid("email", reason);
        if email.is_empty() {
            return Err(invalid("must not be empty"));
        }
        if email.chars().count() > 254 {
            return Err(invalid("must be at most 254 characters"));
        }
        let Some((local, domain)) = email.split_once('@') else {
            return Err(invalid("must look like name@example.com"));
        };
        let local_valid = !local.is_empty()
            && local.len() <= 64
            && local.chars().all(|c| !c.is_whitespace() && !c.is_control() && c != '@' && c != ',');
        let domain_valid = domain.contains('.')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        if local_valid && domain_valid { Ok(Self(email)) } else { Err(invalid("must look like name@example.com")) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_space() {
        assert_eq!(Email::parse("  Ada@Example.COM ").map(|e| e.0), Ok("ada@example.com".to_owned()));
        assert!(Email::parse("local@example.invalid").is_ok());
        assert!(Email::parse("first.last+tag@sub.example.co.uk").is_ok());
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        for raw in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "a b@example.com",
            "ada@@example.com",
            "ada@exa mple.com",
            "ada@-x.com",
            "ada@x..com",
        ] {
            assert!(matches!(Email::parse(raw), Err(IdentityError::InvalidField { field: "email", .. })), "{raw:?}");
        }
        assert!(Email::parse(&format!("{}@example.com", "a".repeat(250))).is_err());
    }
}
