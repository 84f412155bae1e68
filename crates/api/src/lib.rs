//! The HTTP shell of the workbench: routing, request and response shapes, and the
//! mapping of domain errors to HTTP. It translates HTTP to domain calls and nothing
//! more; the domain lives in the other crates.

mod auth;
mod error;
mod openapi;
mod routes;
mod settings;
mod startup;
mod web_app;

pub use settings::{AuthMode, Settings, TradingMode};
pub use startup::Application;
