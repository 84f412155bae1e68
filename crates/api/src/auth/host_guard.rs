//! DNS-rebinding protection: requests must name this server in their `Host` header.
//!
//! A page on another site can point its own domain name at 127.0.0.1 and then talk to the
//! workbench as a "same-origin" page; with `AUTH_MODE=none` it would need no credentials.
//! Its requests still carry its own name in `Host`, so a server bound to a loopback address
//! answers only to loopback names (any port, so that the web app's dev proxy works), plus
//! the names in `ALLOWED_HOSTS`.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web;

use crate::error::ApiError;

/// The host names the server answers to; `None` accepts any.
#[derive(Debug, Clone)]
pub struct AllowedHosts(pub Option<Vec<String>>);

impl AllowedHosts {
    /// Loopback names and `extra` for a server bound to a loopback address; any name for a
    /// server bound elsewhere unless `extra` lists some.
    pub fn for_bind_address(bind_host: &str, extra: &[String]) -> Self {
        let loopback = ["127.0.0.1", "localhost", "::1", "[::1]"];
        if loopback.contains(&bind_host) || !extra.is_empty() {
            let mut names: Vec<String> = loopback.iter().map(|name| (*name).to_owned()).collect();
            names.extend(extra.iter().map(|name| name.to_ascii_lowercase()));
            Self(Some(names))
        } else {
            Self(None)
        }
    }

    fn allows(&self, host_header: &str) -> bool {
        let Some(names) = &self.0 else { return true };
        let name = match host_header.rsplit_once(':') {
            // `[::1]:8000`, `localhost:8000`; but not the bare IPv6 `::1`.
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !name.ends_with(':') => name,
            _ => host_header,
        };
        names.iter().any(|allowed| allowed.eq_ignore_ascii_case(name))
    }
}

pub async fn reject_foreign_hosts(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let host = request.headers().get(header::HOST).and_then(|value| value.to_str().ok()).map(str::to_owned);
    let allowed = request
        .app_data::<web::Data<AllowedHosts>>()
        .map(|hosts| host.as_deref().is_none_or(|host| hosts.allows(host)));
    if allowed == Some(false) {
        return Err(ApiError::new(
            actix_web::http::StatusCode::MISDIRECTED_REQUEST,
            "unknown_host",
            "this server does not answer to that host name; add it to ALLOWED_HOSTS",
        )
        .into());
    }
    next.call(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_servers_answer_to_loopback_names_only() {
        let hosts = AllowedHosts::for_bind_address("127.0.0.1", &[]);
        for ok in ["127.0.0.1:8000", "localhost:5173", "LOCALHOST", "[::1]:8000", "::1"] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for refused in ["evil.example:8000", "evil.example", "127.0.0.1.evil.example:8000"] {
            assert!(!hosts.allows(refused), "{refused}");
        }
        let with_name = AllowedHosts::for_bind_address("127.0.0.1", &["Desk.Example".to_owned()]);
        assert!(with_name.allows("desk.example:443"));
        assert!(AllowedHosts::for_bind_address("0.0.0.0", &[]).allows("anything.example"));
        assert!(!AllowedHosts::for_bind_address("0.0.0.0", &["desk.example".to_owned()]).allows("other.example"));
    }
}
