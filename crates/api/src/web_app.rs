//! Serving the browser app: the files of `web/dist` at `/`, and its `index.html` for any
//! other path outside `/api` (the app routes in the browser). Unknown `/api` paths keep
//! their JSON 404.

use std::path::Path;

use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};

use crate::error::ApiError;

/// The service for `/`, serving `dist`.
pub fn service(dist: &Path) -> Files {
    let index = dist.join("index.html");
    Files::new("/", dist).index_file("index.html").prefer_utf8(true).default_handler(fn_service(
        move |request: ServiceRequest| {
            let index = index.clone();
            async move {
                let (request, _payload) = request.into_parts();
                if request.path().starts_with("/api/") || request.path() == "/api" {
                    let response =
                        actix_web::ResponseError::error_response(&ApiError::not_found("not_found", "no such endpoint"));
                    return Ok(ServiceResponse::new(request, response));
                }
                let response = NamedFile::open_async(&index).await?.into_response(&request);
                Ok(ServiceResponse::new(request, response))
            }
        },
    ))
}
