//! `cargo xtask bench`: the benchmarks, with their figures printed.
//!
//! - `import`: importing all of the shared data, beside DuckDB's own `read_csv` +
//!   insert into the same keyed table (the bench binary in `crates/market-data`).
//! - `engine`: the backtest engine and the scanners (criterion benches in
//!   `crates/backtest-engine` and `crates/market-data`).
//! - `http`: `GET /api/v1/candles` for a 500-candle window under 32 concurrent
//!   connections, measured with wrk against the real server.
//!
//! `cargo xtask bench` runs all of them; `cargo xtask bench import` just one. The bench
//! binaries come from the same build as the tests (see `paths`), run with `--bench`.

use std::io::Read;
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::paths;

pub fn run(arguments: &[String]) -> anyhow::Result<()> {
    let all = arguments.is_empty();
    let wants = |name: &str| all || arguments.iter().any(|argument| argument == name);
    let executables = paths::build_workspace()?;
    let run_bench = |name: &str| -> anyhow::Result<()> {
        let bench = executables
            .iter()
            .find(|executable| executable.kind == "bench" && executable.name == name)
            .with_context(|| format!("no bench target {name}"))?;
        paths::run(Command::new(&bench.path).arg("--bench").env("SHARED_DATA_DIR", paths::shared_data_dir()))
    };
    if wants("import") {
        println!("== import: all of {} ==", paths::shared_data_dir().display());
        run_bench("import")?;
    }
    if wants("engine") {
        println!("== backtest engine ==");
        run_bench("engine")?;
        println!("== scanners ==");
        run_bench("scanners")?;
    }
    if wants("http") {
        http()?;
    }
    Ok(())
}

fn http() -> anyhow::Result<()> {
    println!("== http: GET /api/v1/candles, 500-candle window, 32 connections ==");
    ensure_wrk()?;
    let server_program = paths::program("server")?;
    let scratch = std::env::temp_dir().join(format!("workbench-bench-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    let port = 18_000 + (std::process::id() % 1000) as u16;
    let server = Command::new(server_program)
        .env("PORT", port.to_string())
        .env("MARKET_DATA_DB_PATH", scratch.join("file.db"))
        .env("MARKET_DATA_SEED", paths::shared_data_dir().join("1h/BTCUSDT-1h.csv"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .context("cannot start the server")?;
    let server = KillOnDrop(server);
    wait_until_listening(port)?;
    // 2024-01-01 00:00 UTC onwards: 500 hourly candles.
    let path = "/api/v1/candles?symbol=BTCUSDT&interval=1h&from=1704067200&limit=500";
    // One request first: the series is then in the server's memory cache, as it is on a
    // server that has been running (the first read of a series loads it from DuckDB).
    if !answers_ok(port, path) {
        bail!("GET {path} did not answer 200");
    }
    let url = format!("http://127.0.0.1:{port}{path}");
    let output = Command::new("wrk")
        .args(["--threads", "2", "--connections", "32", "--duration", "15s", "--latency", &url])
        .output()
        .context("cannot run wrk")?;
    drop(server);
    let _ = std::fs::remove_dir_all(&scratch);
    let report = String::from_utf8_lossy(&output.stdout);
    println!("{report}");
    if !output.status.success() {
        bail!("wrk failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    Ok(())
}

fn ensure_wrk() -> anyhow::Result<()> {
    if Command::new("wrk").arg("--version").output().is_ok() {
        return Ok(());
    }
    println!("installing wrk (Debian package) for the HTTP benchmark");
    paths::run(Command::new("apt-get").args(["install", "-y", "-q", "wrk"])).or_else(|_| {
        paths::run(Command::new("apt-get").arg("update"))
            .and_then(|()| paths::run(Command::new("apt-get").args(["install", "-y", "-q", "wrk"])))
    })
}

fn wait_until_listening(port: u16) -> anyhow::Result<()> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(120) {
        if answers_ok(port, "/api/v1/health") {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    bail!("the server did not answer on port {port} within 120 s")
}

/// One plain HTTP GET; whether it answered 200.
fn answers_ok(port: u16, path: &str) -> bool {
    use std::io::Write;
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else { return false };
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    let mut answer = String::new();
    stream.write_all(request.as_bytes()).is_ok()
        && stream.read_to_string(&mut answer).is_ok()
        && answer.starts_with("HTTP/1.1 200")
}

/// Stops the server however the benchmark ends.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
