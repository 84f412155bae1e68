//! `cargo xtask <command>`: the project's own tooling, in Rust so that it runs
//! wherever cargo does. It links none of the project's crates (see `paths`).
//!
//! - `serve [--data PATH]`: build and run the server with the web app on embedded database
//!   files, importing market data from PATH (default `../shared/data`) when the file is empty.
//! - `test`: run every test of the project.
//! - `bench [import|engine|http]`: run the benchmarks and print their figures.
//! - `data import PATH... [--symbol S] [--interval I] [--db FILE]`: import candle files.

mod bench;
mod paths;
mod serve;
mod tidy;
mod web;

use anyhow::bail;

fn main() -> anyhow::Result<()> {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = arguments.split_first().map_or(("", &[][..]), |(first, rest)| (first.as_str(), rest));
    match command {
        "serve" => serve::run(rest),
        "test" => run_tests(rest),
        "bench" => bench::run(rest),
        "data" => match rest.split_first() {
            Some((sub, rest)) if sub == "import" => data_import(rest),
            _ => bail!("usage: cargo xtask data import PATH... [--symbol SYMBOL] [--interval INTERVAL] [--db FILE]"),
        },
        _ => bail!("usage: cargo xtask <serve|test|bench|data import> [options]"),
    }
}

/// Runs every test of the project: the Rust workspace (unit, integration, API and tidy
/// tests), then the web app's unit and browser tests.
fn run_tests(extra: &[String]) -> anyhow::Result<()> {
    paths::run(paths::cargo().arg("test").args(paths::WORKSPACE_TARGETS).args(extra))?;
    web::test()
}

/// Builds and runs the importer; the database defaults to the one `serve` uses.
fn data_import(arguments: &[String]) -> anyhow::Result<()> {
    let mut import = std::process::Command::new(paths::program("workbench-import")?);
    if std::env::var_os("MARKET_DATA_DB_PATH").is_none() {
        import.env("MARKET_DATA_DB_PATH", paths::workspace_root().join("file.db"));
    }
    paths::run(import.args(arguments))
}
