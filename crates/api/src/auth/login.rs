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

    /// Starts a login attempt: refuses it when the account or the address has failed too
    /// often, and otherwise counts it as a failure right away, under the lock, so that
    /// parallel attempts cannot all pass the check. [`Authenticator::finish_attempt`]
    /// takes the failure back when the password was right.
    pub fn start_attempt(&self, email: &str, address: &str, now_ms: i64) -> Result<(), ApiError> {
        let account_key = email.trim().to_lowercase();
        let mut by_account = self.by_account.lock().unwrap_or_else(PoisonError::into_inner);
        let mut by_address = self.by_address.lock().unwrap_or_else(PoisonError::into_inner);
        if let Err(throttled) = by_account.check(&account_key, now_ms).and(by_address.check(address, now_ms)) {
            return Err(ApiError::too_many_attempts((throttled.retry_after_ms + 999) / 1000));
        }
        by_account.record_failure(&account_key, now_ms);
        by_address.record_failure(address, now_ms);
        Ok(())
    }

    /// Ends an attempt started at `started_ms`: a success clears the account's failures and
    /// takes back the address's provisional one.
    pub fn finish_attempt(&self, email: &str, address: &str, succeeded: bool, started_ms: i64) {
        if succeeded {
            let account_key = email.trim().to_lowercase();
            self.by_account.lock().unwrap_or_else(PoisonError::into_inner).clear(&account_key);
            self.by_address.lock().unwrap_or_else(PoisonError::into_inner).forgive(address, started_ms);
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
