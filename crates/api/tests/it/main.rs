//! Black-box tests of the API: the real server on port 0 with fresh database files,
//! seeded with real files from the shared data, spoken to over HTTP.

mod auth;
mod backtests;
mod candles;
mod catalogue;
mod errors;
mod helpers;
mod orders;
mod paper_trading;
mod permissions;
mod ratios;
mod scanner;
mod workspaces;
