//! actix-session's storage backend on the app-state database. Each call is one blocking
//! unit of work off the executor. The session's expiry follows the configured
//! [`SessionPolicy`] (idle and absolute timeouts), not actix-session's TTL argument: the
//! store extends a session when it is loaded (at most once a minute), so the cookie itself
//! is a browser-session cookie and requests do not write to the database each time.

use std::collections::HashMap;

use actix_session::storage::{LoadError, SaveError, SessionKey, SessionStore, UpdateError};
use actix_web::cookie::time::Duration;
use actix_web::web;
use app_state_store::AppStateStore;
use identity::SessionPolicy;

use super::login::USER_ID_KEY;
use super::now_ms;

/// Sessions in the `sessions` table.
#[derive(Debug, Clone)]
pub struct SqliteSessionStore {
    store: AppStateStore,
    policy: SessionPolicy,
}

impl SqliteSessionStore {
    pub fn new(store: AppStateStore, policy: SessionPolicy) -> Self {
        Self { store, policy }
    }
}

type State = HashMap<String, String>;

/// The user a session belongs to, kept in its own column so that a user's sessions can be
/// ended together. actix-session keeps values JSON-encoded.
fn user_id_of(state: &State) -> Option<String> {
    state.get(USER_ID_KEY).and_then(|raw| serde_json::from_str::<String>(raw).ok())
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> app_state_store::Result<T> + Send + 'static,
) -> anyhow::Result<T> {
    Ok(web::block(work).await??)
}

impl SessionStore for SqliteSessionStore {
    async fn load(&self, session_key: &SessionKey) -> Result<Option<State>, LoadError> {
        let (store, policy, key) = (self.store.clone(), self.policy, session_key.as_ref().to_owned());
        let found = blocking(move || store.load_session(&key, now_ms(), &policy)).await.map_err(LoadError::Other)?;
        found
            .map(|session| serde_json::from_str(&session.state))
            .transpose()
            .map_err(|error| LoadError::Deserialization(error.into()))
    }

    async fn save(&self, state: State, _ttl: &Duration) -> Result<SessionKey, SaveError> {
        let json = serde_json::to_string(&state).map_err(|error| SaveError::Serialization(error.into()))?;
        let (store, policy, user_id) = (self.store.clone(), self.policy, user_id_of(&state));
        let key = blocking(move || store.create_session(&json, user_id.as_deref(), now_ms(), &policy))
            .await
            .map_err(SaveError::Other)?;
        SessionKey::try_from(key).map_err(|error| SaveError::Other(error.into()))
    }

    async fn update(&self, session_key: SessionKey, state: State, _ttl: &Duration) -> Result<SessionKey, UpdateError> {
        let json = serde_json::to_string(&state).map_err(|error| UpdateError::Serialization(error.into()))?;
        let (store, policy, user_id) = (self.store.clone(), self.policy, user_id_of(&state));
        let key = session_key.as_ref().to_owned();
        // A session ended meanwhile (logout elsewhere, password change) stays ended.
        blocking(move || store.update_session(&key, &json, user_id.as_deref(), now_ms(), &policy))
            .await
            .map_err(UpdateError::Other)?;
        Ok(session_key)
    }

    async fn update_ttl(&self, session_key: &SessionKey, _ttl: &Duration) -> Result<(), anyhow::Error> {
        let (store, policy, key) = (self.store.clone(), self.policy, session_key.as_ref().to_owned());
        blocking(move || store.touch_session(&key, now_ms(), &policy)).await
    }

    async fn delete(&self, session_key: &SessionKey) -> Result<(), anyhow::Error> {
        let (store, key) = (self.store.clone(), session_key.as_ref().to_owned());
        blocking(move || store.delete_session(&key)).await
    }
}
