//! Integration tests of the market-data crate: importing real and hand-made files
//! into a fresh DuckDB file and reading them back.

mod fixtures;
mod import_formats;
mod import_safety;
mod reading;
mod scanning;
