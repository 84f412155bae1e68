//! Tidy tests: the architecture's rules, checked mechanically so they cannot rot.
//! See ARCHITECTURE.md, "Invariants".

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    use crate::paths::{cargo, workspace_root};

    /// The workspace's own crates (folder name = crate name).
    fn member_crates() -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(workspace_root().join("crates"))
            .unwrap_or_else(|error| panic!("cannot list crates/: {error}"))
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .collect();
        names.push("xtask".to_owned());
        names.sort();
        names
    }

    fn cargo_tree(arguments: &[&str]) -> Option<String> {
        let output: std::process::Output = cargo()
            .current_dir(workspace_root())
            .args(["tree", "--offline", "--edges", "normal", "--prefix", "none", "--format", "{p}"])
            .args(arguments)
            .output()
            .unwrap_or_else(|error| panic!("cannot run cargo tree: {error}"));
        let stderr = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            // `-i X` fails when nothing depends on X at all, which satisfies every rule.
            assert!(stderr.contains("did not match any packages"), "cargo tree {arguments:?} failed: {stderr}");
            return None;
        }
        Some(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    fn package_names(tree: &str) -> BTreeSet<String> {
        tree.lines().filter_map(|line| line.split_whitespace().next()).map(str::to_owned).collect()
    }

    /// The workspace crates that depend on `package` directly.
    fn direct_dependents(package: &str) -> BTreeSet<String> {
        let members = member_crates();
        cargo_tree(&["--invert", package, "--depth", "1"])
            .map(|tree| package_names(&tree).into_iter().filter(|name| members.contains(name)).collect())
            .unwrap_or_default()
    }

    /// Everything a workspace crate pulls in, directly or not.
    fn all_dependencies(member: &str) -> BTreeSet<String> {
        cargo_tree(&["--package", member]).map(|tree| package_names(&tree)).unwrap_or_default()
    }

    #[test]
    fn only_market_data_links_duckdb() {
        assert_eq!(direct_dependents("duckdb"), BTreeSet::from(["market-data".to_owned()]));
    }

    #[test]
    fn only_app_state_store_links_sqlite() {
        let dependents = direct_dependents("rusqlite");
        assert!(dependents.iter().all(|name| name == "app-state-store"), "rusqlite used by {dependents:?}");
    }

    #[test]
    fn only_api_knows_http() {
        for member in member_crates().into_iter().filter(|name| name != "api") {
            let http: Vec<String> = all_dependencies(&member)
                .into_iter()
                .filter(|name| {
                    name.starts_with("actix")
                        || name.starts_with("utoipa-swagger")
                        || name == "hyper"
                        || name == "reqwest"
                })
                .collect();
            assert!(http.is_empty(), "{member} depends on {http:?}; only api may know HTTP");
        }
    }

    #[test]
    fn the_backtest_engine_stays_pure() {
        if !member_crates().contains(&"backtest-engine".to_owned()) {
            return;
        }
        let forbidden = ["duckdb", "rusqlite", "tokio", "actix-rt", "r2d2", "chrono"];
        let found: Vec<String> =
            all_dependencies("backtest-engine").into_iter().filter(|name| forbidden.contains(&name.as_str())).collect();
        assert!(found.is_empty(), "backtest-engine depends on {found:?}: no I/O, database, runtime or clock allowed");
    }

    #[test]
    fn every_crate_uses_the_workspace_lints() {
        for member in member_crates() {
            let manifest = if member == "xtask" {
                workspace_root().join("xtask/Cargo.toml")
            } else {
                workspace_root().join("crates").join(&member).join("Cargo.toml")
            };
            let text =
                std::fs::read_to_string(&manifest).unwrap_or_else(|error| panic!("{}: {error}", manifest.display()));
            assert!(text.contains("[lints]\nworkspace = true"), "{} must use the workspace lints", manifest.display());
        }
    }

    #[test]
    fn every_module_says_what_it_is_for() {
        let mut missing = Vec::new();
        let mut folders = vec![workspace_root().join("crates"), workspace_root().join("xtask/src")];
        while let Some(folder) = folders.pop() {
            for entry in
                std::fs::read_dir(&folder).unwrap_or_else(|error| panic!("{}: {error}", folder.display())).flatten()
            {
                let path: PathBuf = entry.path();
                if path.is_dir() && !path.ends_with("target") && !path.ends_with("node_modules") {
                    folders.push(path);
                } else if path.extension().is_some_and(|extension| extension == "rs") && !starts_with_module_doc(&path)
                {
                    missing.push(path);
                }
            }
        }
        assert!(missing.is_empty(), "files without a leading //! line: {missing:?}");
    }

    fn starts_with_module_doc(path: &Path) -> bool {
        std::fs::read_to_string(path).is_ok_and(|text| text.starts_with("//!"))
    }

    #[test]
    fn architecture_document_names_every_crate() {
        let architecture = std::fs::read_to_string(workspace_root().join("ARCHITECTURE.md")).unwrap_or_default();
        for member in member_crates() {
            assert!(architecture.contains(&format!("`{member}`")), "ARCHITECTURE.md does not describe `{member}`");
        }
    }

    #[test]
    fn cargo_tree_runs() {
        // Guards the helpers above: a broken cargo tree call would make every rule pass.
        assert!(all_dependencies("market-data").contains("duckdb"));
        assert!(direct_dependents("actix-web").contains("api"));
    }
}
