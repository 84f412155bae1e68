//! Checking a login: throttled per account and per client address, and the same work and
//! answer for an unknown address, a wrong password or a disabled account.

use std::sync::{Mutex, PoisonError};

use app_state_store::AppStateStore;
use identity::{Email, LoginThrottle, Password, PasswordHasher, ThrottlePolicy, User, UserStatus};

use crate::error::ApiError;
use crate::settings::AuthMode;

/// The session key under which the logged-in user's id is kept.
pub const USER_ID_KEY: &str = "user_id";

/// Five failures per account, or twenty per client address, within 15 minutes.
const PER_ACCOUNT: ThrottlePolicy = ThrottlePolicy { max_failures: 5, window_ms: 15 * 60_000 };
const PER_ADDRESS: ThrottlePolicy = ThrottlePolicy { max_failures: 20, window_ms: 15 * 60_000 };

/// What logging in needs: the mode, the password hasher and the throttles.
#[derive(Debug)]
pub struct Authenticator {
    pub mode: AuthMode,
    pub hasher: PasswordHasher,
    by_account: Mutex<LoginThrottle>,
    by_address: Mutex<LoginThrottle>,
}

impl Authenticator {
    pub fn new(mode: AuthMode) -> Result<Self, identity::IdentityError> {
        Ok(Self {
            mode,
            hasher: PasswordHasher::new()?,
            by_account: Mutex::new(LoginThrottle::new(PER_ACCOUNT)),
            by_address: Mutex::new(LoginThrottle::new(PER_ADDRESS)),
        })
    }

    /// Refuses early when the account or the address has failed too often.
    pub fn check_throttle(&self, email: &str, address: &str, now_ms: i64) -> Result<(), ApiError> {
        let account_key = email.trim().to_lowercase();
        let account = self.by_account.lock().unwrap_or_else(PoisonError::into_inner).check(&account_key, now_ms);
        let address = self.by_address.lock().unwrap_or_else(PoisonError::into_inner).check(address, now_ms);
        match account.and(address) {
            Ok(()) => Ok(()),
            Err(throttled) => Err(ApiError::too_many_attempts((throttled.retry_after_ms + 999) / 1000)),
        }
    }

    pub fn record_outcome(&self, email: &str, address: &str, succeeded: bool, now_ms: i64) {
        let account_key = email.trim().to_lowercase();
        let mut by_account = self.by_account.lock().unwrap_or_else(PoisonError::into_inner);
        if succeeded {
            by_account.clear(&account_key);
        } else {
            by_account.record_failure(&account_key, now_ms);
            drop(by_account);
            self.by_address.lock().unwrap_or_else(PoisonError::into_inner).record_failure(address, now_ms);
        }
    }

    /// The active user with this e-mail address and password, or `None`. Blocking: one
    /// argon2 verification whatever the outcome.
    pub fn verify(&self, store: &AppStateStore, email: &str, password: &str) -> Result<Option<User>, ApiError> {
        let password = Password::offered(password);
        let found = match Email::parse(email) {
            Ok(email) => store.user_by_email(&email)?,
            Err(_) => None,
        };
        let Some(found) = found else {
            self.hasher.verify_dummy(&password);
            return Ok(None);
        };
        let matches = match &found.password_hash {
            Some(hash) => self.hasher.verify(&password, hash),
            None => self.hasher.verify_dummy(&password),
        };
        Ok((matches && found.user.status == UserStatus::Active).then_some(found.user))
    }
}
