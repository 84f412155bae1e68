//! Cross-site request forgery protection for requests that change state.
//!
//! Three layers: the session cookie is `SameSite=Lax`; state-changing endpoints take JSON
//! bodies only (a cross-site HTML form cannot send `application/json`); and this middleware
//! refuses a POST, PUT, PATCH or DELETE that a browser marks as coming from another site
//! (`Sec-Fetch-Site: cross-site` or `same-site`, or an `Origin` whose host is not this
//! server's). Clients that are not browsers send neither header and are not affected.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;

use crate::error::ApiError;

pub async fn reject_cross_site_writes(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if changes_state(request.method()) && is_cross_site(&request) {
        return Err(ApiError::forbidden_with_code(
            "cross_site_request",
            "cross-site requests may not change state; use the workbench's own pages",
        )
        .into());
    }
    next.call(request).await
}

fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn is_cross_site(request: &ServiceRequest) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|value| value.to_str().ok()) {
        return matches!(site, "cross-site" | "same-site");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|value| value.to_str().ok()) else {
        return false;
    };
    let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    let host = headers.get(header::HOST).and_then(|value| value.to_str().ok()).unwrap_or_default();
    origin == "null" || !origin_host.eq_ignore_ascii_case(host)
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn cross_site(headers: &[(&str, &str)]) -> bool {
        let mut request = TestRequest::post().insert_header((header::HOST, "127.0.0.1:8000"));
        for header in headers {
            request = request.insert_header(*header);
        }
        is_cross_site(&request.to_srv_request())
    }

    #[test]
    fn tells_same_origin_from_cross_site() {
        assert!(!cross_site(&[]), "non-browser clients");
        assert!(!cross_site(&[("sec-fetch-site", "same-origin")]));
        assert!(!cross_site(&[("sec-fetch-site", "none")]));
        assert!(cross_site(&[("sec-fetch-site", "cross-site")]));
        assert!(cross_site(&[("sec-fetch-site", "same-site")]));
        assert!(!cross_site(&[("origin", "http://127.0.0.1:8000")]));
        assert!(cross_site(&[("origin", "https://evil.example")]));
        assert!(cross_site(&[("origin", "null")]));
    }
}
