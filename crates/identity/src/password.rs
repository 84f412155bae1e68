//! Passwords and their argon2id hashes.
//!
//! Parameters: argon2id, m = 19456 KiB, t = 2, p = 1 (OWASP's minimum). Verification
//! reads the parameters from the stored hash, so hashes made with stronger settings
//! later still verify. Hashing takes tens of milliseconds of CPU on purpose.

use std::fmt;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{self, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::IdentityError;

const MEMORY_KIB: u32 = 19_456;
const ITERATIONS: u32 = 2;
const PARALLELISM: u32 = 1;
const MIN_PASSWORD_CHARS: usize = 8;
const MAX_PASSWORD_BYTES: usize = 1024;

/// A password as typed: 8 characters to 1 KiB. Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub fn parse(raw: &str) -> Result<Self, IdentityError> {
        if raw.chars().count() < MIN_PASSWORD_CHARS {
            return Err(IdentityError::invalid(
                "password",
                format!("must be at least {MIN_PASSWORD_CHARS} characters"),
            ));
        }
        if raw.len() > MAX_PASSWORD_BYTES {
            return Err(IdentityError::invalid("password", format!("must be at most {MAX_PASSWORD_BYTES} bytes")));
        }
        Ok(Self(raw.to_owned()))
    }

    /// A password offered at login. It is not checked against the rules for new passwords
    /// (rules may have changed since it was set), only bounded in size.
    pub fn offered(raw: &str) -> Self {
        let mut end = raw.len().min(MAX_PASSWORD_BYTES);
        while !raw.is_char_boundary(end) {
            end -= 1;
        }
        Self(raw[..end].to_owned())
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// A stored password hash in PHC string form (`$argon2id$v=19$m=19456,t=2,p=1$...`).
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl PasswordHash {
    /// Wraps a hash read back from storage.
    pub fn from_stored(phc: String) -> Self {
        Self(phc)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordHash(<redacted>)")
    }
}

/// Hashes and verifies passwords. Holds a hash of a random password, so that a login for
/// an unknown e-mail address costs as much as one for a known address.
pub struct PasswordHasher {
    argon2: Argon2<'static>,
    dummy: PasswordHash,
}

impl fmt::Debug for PasswordHasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordHasher").finish_non_exhaustive()
    }
}

impl PasswordHasher {
    pub fn new() -> Result<Self, IdentityError> {
        let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None).map_err(hashing_error)?;
        let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let dummy_password = SaltString::generate(&mut OsRng);
        let mut hasher = Self { argon2, dummy: PasswordHash(String::new()) };
        hasher.dummy = hasher.hash(&Password(dummy_password.as_str().to_owned()))?;
        Ok(hasher)
    }

    pub fn hash(&self, password: &Password) -> Result<PasswordHash, IdentityError> {
        let salt = SaltString::generate(&mut OsRng);
        let hash = self.argon2.hash_password(password.0.as_bytes(), &salt).map_err(hashing_error)?;
        Ok(PasswordHash(hash.to_string()))
    }

    /// Whether `password` matches `hash`. A malformed stored hash never matches.
    pub fn verify(&self, password: &Password, hash: &PasswordHash) -> bool {
        password_hash::PasswordHash::new(&hash.0)
            .is_ok_and(|parsed| self.argon2.verify_password(password.0.as_bytes(), &parsed).is_ok())
    }

    /// Spends the time of one verification and fails: for unknown accounts.
    pub fn verify_dummy(&self, password: &Password) -> bool {
        let _ = self.verify(password, &self.dummy);
        false
    }
}

fn hashing_error(error: impl fmt::Display) -> IdentityError {
    IdentityError::Hashing(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_use_the_required_parameters() -> Result<(), IdentityError> {
        let hasher = PasswordHasher::new()?;
        let password = Password::parse("correct horse battery")?;
        let hash = hasher.hash(&password)?;
        assert!(hash.as_str().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{}", hash.as_str());
        assert!(hasher.verify(&password, &hash));
        assert!(!hasher.verify(&Password::offered("correct horse battery!"), &hash));
        assert!(!hasher.verify(&password, &PasswordHash::from_stored("not a hash".to_owned())));
        assert!(!hasher.verify_dummy(&password));
        // Same password, new salt, new hash.
        assert_ne!(hasher.hash(&password)?, hash);
        Ok(())
    }

    #[test]
    fn new_passwords_are_bounded() {
        assert!(Password::parse("short").is_err());
        assert!(Password::parse(&"x".repeat(1025)).is_err());
        assert!(Password::parse("eight ch").is_ok());
        assert_eq!(format!("{:?}", Password::offered("secret")), "Password(<redacted>)");
        // Offered passwords are cut at a character boundary, never split.
        assert_eq!(Password::offered(&"é".repeat(600)).0.len(), 1024);
    }
}
