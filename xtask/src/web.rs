//! The web app in `web/`: installing its packages, building it, and its tests. Does
//! nothing until the web app exists.

use crate::paths;

/// Builds `web/dist`, which the server serves at `/`.
pub fn build() -> anyhow::Result<()> {
    let web = paths::workspace_root().join("web");
    if !web.join("package.json").exists() {
        return Ok(());
    }
    install()?;
    paths::run(std::process::Command::new("npm").current_dir(&web).args(["run", "build"]))
}

/// Runs the web app's unit and browser tests.
pub fn test() -> anyhow::Result<()> {
    let web = paths::workspace_root().join("web");
    if !web.join("package.json").exists() {
        return Ok(());
    }
    install()?;
    paths::run(std::process::Command::new("npm").current_dir(&web).args(["test"]))
}

fn install() -> anyhow::Result<()> {
    let web = paths::workspace_root().join("web");
    if web.join("node_modules/.package-lock.json").exists() {
        return Ok(());
    }
    paths::run(std::process::Command::new("npm").current_dir(&web).args(["ci", "--no-audit", "--no-fund"]))
}
