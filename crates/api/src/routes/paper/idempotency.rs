//! The `Idempotency-Key` of order requests: reading the header, and the set of keys whose
//! first request is still being processed (a retry meanwhile gets 409
//! `idempotency_key_in_progress`). The durable side, the key claimed in the order's own
//! transaction, is the store's.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};

use actix_web::HttpRequest;

use crate::error::ApiError;

pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";
/// The longest key, in characters.
pub const MAX_KEY_LENGTH: usize = 255;

/// The key of a request: 1 to 255 printable ASCII characters (space to `~`). Missing: 400
/// `idempotency_key_required`; anything else: 400 `invalid_idempotency_key`.
pub fn idempotency_key(request: &HttpRequest) -> Result<String, ApiError> {
    let mut values = request.headers().get_all(IDEMPOTENCY_KEY_HEADER);
    let Some(value) = values.next() else {
        return Err(ApiError::bad_request(
            "idempotency_key_required",
            "creating an order needs an Idempotency-Key header (1 to 255 printable characters), unique per order",
        )
        .with_field(IDEMPOTENCY_KEY_HEADER));
    };
    let invalid = |reason: &str| {
        ApiError::bad_request("invalid_idempotency_key", format!("the Idempotency-Key header {reason}"))
            .with_field(IDEMPOTENCY_KEY_HEADER)
    };
    if values.next().is_some() {
        return Err(invalid("is given more than once"));
    }
    let bytes = value.as_bytes();
    if bytes.is_empty() || bytes.len() > MAX_KEY_LENGTH {
        return Err(invalid(&format!("must have 1 to {MAX_KEY_LENGTH} characters, got {}", bytes.len())));
    }
    if !bytes.iter().all(|&byte| byte == b' ' || byte.is_ascii_graphic()) {
        return Err(invalid("must contain printable ASCII characters only"));
    }
    // Checked above: every byte is printable ASCII, hence UTF-8.
    value.to_str().map(str::to_owned).map_err(|_| invalid("must contain printable ASCII characters only"))
}

/// (user, workspace, key): the scope of an idempotency key.
pub type InFlightKey = (String, String, String);

/// The keys whose first request is being processed by this server.
#[derive(Debug, Default)]
pub struct InFlightKeys(Mutex<HashSet<InFlightKey>>);

impl InFlightKeys {
    /// Marks `key` as in flight until the returned guard is dropped; 409
    /// `idempotency_key_in_progress` when it already is.
    pub fn claim(self: &Arc<Self>, key: InFlightKey) -> Result<InFlightGuard, ApiError> {
        let inserted = self.0.lock().unwrap_or_else(PoisonError::into_inner).insert(key.clone());
        if !inserted {
            return Err(ApiError::conflict(
                "idempotency_key_in_progress",
                "a request with this Idempotency-Key is still being processed; retry after it has finished",
            ));
        }
        Ok(InFlightGuard { keys: Arc::clone(self), key })
    }

    fn release(&self, key: &InFlightKey) {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).remove(key);
    }
}

/// Releases its key when dropped: on success, on error, on panic, and when the client
/// goes away.
#[derive(Debug)]
pub struct InFlightGuard {
    keys: Arc<InFlightKeys>,
    key: InFlightKey,
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        self.keys.release(&self.key);
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn key(value: Option<&[u8]>) -> Result<String, String> {
        let mut request = TestRequest::post();
        if let Some(value) = value {
            let value = actix_web::http::header::HeaderValue::from_bytes(value).map_err(|error| error.to_string())?;
            request = request.insert_header((IDEMPOTENCY_KEY_HEADER, value));
        }
        idempotency_key(&request.to_http_request()).map_err(|error| error.to_string())
    }

    #[test]
    fn reads_keys_of_printable_ascii() {
        assert_eq!(key(Some(b"order-1 retry")), Ok("order-1 retry".to_owned()));
        assert_eq!(key(Some("x".repeat(255).as_bytes())), Ok("x".repeat(255)));
        assert!(key(None).is_err_and(|error| error.contains("idempotency_key_required")));
        for bad in [&b"x".repeat(256)[..], b"tab\there", "caf\u{e9}".as_bytes()] {
            assert!(key(Some(bad)).is_err_and(|error| error.contains("invalid_idempotency_key")), "{bad:?}");
        }
    }

    #[test]
    fn a_key_is_in_flight_until_its_guard_drops() {
        let keys = Arc::new(InFlightKeys::default());
        let scope = || ("user".to_owned(), "workspace".to_owned(), "key".to_owned());
        let guard = keys.claim(scope());
        assert!(guard.is_ok());
        assert!(keys.claim(scope()).is_err());
        assert!(keys.claim(("other".to_owned(), "workspace".to_owned(), "key".to_owned())).is_ok());
        drop(guard);
        assert!(keys.claim(scope()).is_ok());
    }
}
