//! The web app in `web/`: installing its packages (`npm ci` from the committed lockfile),
//! building it into `web/dist`, and its unit and browser tests (`npm test`).

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

/// `npm ci`, unless `node_modules` was installed from the current lockfile already.
fn install() -> anyhow::Result<()> {
    let web = paths::workspace_root().join("web");
    let modified = |path: std::path::PathBuf| std::fs::metadata(path).and_then(|metadata| metadata.modified()).ok();
    let installed = modified(web.join("node_modules/.package-lock.json"));
    if installed.is_some() && installed >= modified(web.join("package-lock.json")) {
        return Ok(());
    }
    paths::run(std::process::Command::new("npm").current_dir(&web).args(["ci", "--no-audit", "--no-fund"]))
}
