//! Where things are (the workspace, the shared data, the build output) and the one way
//! the project is built.
//!
//! Every build goes through [`build_workspace`], which is `cargo test --no-run
//! --workspace --all-targets`: the very command the tests run. Cargo resolves features per
//! package selection and profile, and DuckDB's bundled C++ is rebuilt (40 minutes on 2
//! cores) whenever they differ, so the tests, the server, the importer and the benchmarks
//! share one build.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, bail};

/// The workspace root (the folder of the top-level `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    let xtask_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    xtask_dir.parent().map_or(xtask_dir.clone(), PathBuf::from)
}

/// The shared market data: `SHARED_DATA_DIR`, or `../shared/data` beside the checkout.
pub fn shared_data_dir() -> PathBuf {
    std::env::var_os("SHARED_DATA_DIR").map_or_else(|| workspace_root().join("../shared/data"), PathBuf::from)
}

/// An executable that [`build_workspace`] produced.
#[derive(Debug, Clone)]
pub struct Executable {
    /// The target's name, e.g. `server` or `import`.
    pub name: String,
    /// `bin`, `bench`, `test`...
    pub kind: String,
    /// Whether it is a test harness rather than the plain program.
    pub test_harness: bool,
    pub path: PathBuf,
}

/// The cargo that runs us, so toolchain and target directory stay the same.
///
/// `cargo run` gives us the environment of a package (`CARGO_MANIFEST_DIR`,
/// `CARGO_PKG_NAME`...). Build scripts such as ring's rerun when those change, and their
/// dependents, DuckDB's C++ among them, are rebuilt: so they are removed here, and a build
/// through xtask is the same build as one from a plain shell.
pub fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(workspace_root());
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        let from_cargo_run = name.starts_with("CARGO_PKG_")
            || name.starts_with("CARGO_MANIFEST_")
            || ["CARGO_CRATE_NAME", "CARGO_BIN_NAME", "CARGO_PRIMARY_PACKAGE", "OUT_DIR"].contains(&name.as_ref());
        if from_cargo_run {
            command.env_remove(name.as_ref());
        }
    }
    command
}

/// The flags of every build and test run: see the module documentation.
pub const WORKSPACE_TARGETS: [&str; 2] = ["--workspace", "--all-targets"];

/// Builds every target of the workspace (the same units the tests use) and lists the
/// executables.
pub fn build_workspace() -> anyhow::Result<Vec<Executable>> {
    let output = cargo()
        .args(["test", "--no-run", "--message-format=json-render-diagnostics"])
        .args(WORKSPACE_TARGETS)
        .stderr(std::process::Stdio::inherit())
        .output()
        .context("cannot run cargo")?;
    if !output.status.success() {
        bail!("the build failed");
    }
    let mut executables = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let (Some(name), Some(kind), Some(path)) =
            (message["target"]["name"].as_str(), message["target"]["kind"][0].as_str(), message["executable"].as_str())
        else {
            continue;
        };
        let test_harness = message["profile"]["test"].as_bool().unwrap_or(false);
        executables.push(Executable {
            name: name.to_owned(),
            kind: kind.to_owned(),
            test_harness,
            path: PathBuf::from(path),
        });
    }
    Ok(executables)
}

/// Builds the workspace and returns the path of one of its programs (a `bin` target).
pub fn program(name: &str) -> anyhow::Result<PathBuf> {
    build_workspace()?
        .into_iter()
        .find(|executable| executable.kind == "bin" && !executable.test_harness && executable.name == name)
        .map(|executable| executable.path)
        .with_context(|| format!("the build made no {name} program"))
}

/// Runs a command with inherited output and fails if it fails.
pub fn run(command: &mut Command) -> anyhow::Result<()> {
    let status = command.status().with_context(|| format!("cannot start {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed with {status}");
    }
    Ok(())
}
