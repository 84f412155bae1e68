//! `cargo xtask serve [--data PATH]`: build and run the whole product on embedded database
//! files, importing market data from PATH (default `../shared/data`) when the file is empty.

use std::path::PathBuf;
use std::process::Command;

use anyhow::bail;

use crate::paths;

pub fn run(arguments: &[String]) -> anyhow::Result<()> {
    let root = paths::workspace_root();
    let mut data: Option<PathBuf> = None;
    let mut rest = arguments.iter();
    while let Some(argument) = rest.next() {
        match argument.as_str() {
            "--data" => match rest.next() {
                Some(path) => data = Some(PathBuf::from(path)),
                None => bail!("--data needs a path; usage: cargo xtask serve [--data PATH]"),
            },
            other => bail!("unknown option {other:?}; usage: cargo xtask serve [--data PATH]"),
        }
    }
    let seed =
        data.or_else(|| std::env::var_os("MARKET_DATA_SEED").map(PathBuf::from)).unwrap_or_else(paths::shared_data_dir);
    crate::web::build()?;
    let mut server = Command::new(paths::program("server")?);
    server.current_dir(&root);
    set_default(&mut server, "MARKET_DATA_DB_PATH", root.join("file.db"));
    set_default(&mut server, "APP_STATE_DB_PATH", root.join("app_state.db"));
    set_default(&mut server, "WEB_DIST_DIR", root.join("web/dist"));
    if seed.exists() {
        server.env("MARKET_DATA_SEED", &seed);
    } else {
        eprintln!("note: no market data at {}; pass --data PATH to load candle files", seed.display());
    }
    paths::run(&mut server)
}

fn set_default(command: &mut Command, name: &str, value: PathBuf) {
    if std::env::var_os(name).is_none() {
        command.env(name, value);
    }
}
