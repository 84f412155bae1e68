//! Typed configuration, read once from the environment at start-up.

use std::path::PathBuf;

use anyhow::{Context, bail};
use identity::SessionPolicy;
use paper_trading::StartingCash;

/// How people prove who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMode {
    /// One local user who owns the default workspace; no login.
    None,
    /// E-mail and password, with server-side sessions in a cookie.
    Password,
}

impl AuthMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Password => "password",
        }
    }
}

/// Whether orders may be placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TradingMode {
    /// Orders are listed, never created or cancelled (403 `trading_disabled`).
    Readonly,
    /// Orders are recorded on paper (never sent anywhere), with idempotency keys.
    Paper,
}

impl TradingMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Readonly => "readonly",
            Self::Paper => "paper",
        }
    }
}

/// Everything the server needs to know to start.
#[derive(Debug, Clone)]
pub struct Settings {
    pub host: String,
    /// 0 picks a free port (tests do that).
    pub port: u16,
    /// The DuckDB file with the shared market data.
    pub market_data_path: PathBuf,
    /// Files or directories imported at start-up when the market data is empty.
    pub seed_data: Vec<PathBuf>,
    /// A category map to use instead of the shipped `configs/symbol-categories.yaml`.
    pub categories_path: Option<PathBuf>,
    /// The SQLite file with users, workspaces and everything they create.
    pub app_state_path: PathBuf,
    pub auth_mode: AuthMode,
    /// Bootstraps the local owner's password in password mode.
    pub default_user_password: Option<String>,
    pub session_policy: SessionPolicy,
    /// Marks the session cookie `Secure` (set when the server is behind TLS).
    pub cookie_secure: bool,
    /// Host names the server answers to besides the loopback ones (see `auth::host_guard`).
    pub allowed_hosts: Vec<String>,
    /// The built web app (`web/dist`), served at `/` when it holds an `index.html`.
    pub web_dist_dir: Option<PathBuf>,
    /// `TRADING_MODE`: `readonly` (default) or `paper`.
    pub trading_mode: TradingMode,
    /// The cash a workspace's `paper-main` account starts with, in the workspace's quote
    /// asset, when it is created (the first time the workspace needs it).
    pub paper_starting_cash: StartingCash,
}

impl Settings {
    /// Reads `HOST`, `PORT`, `MARKET_DATA_DB_PATH`, `MARKET_DATA_SEED` (paths separated
    /// like `PATH`), `CATEGORIES_PATH`, `APP_STATE_DB_PATH`, `AUTH_MODE`,
    /// `DEFAULT_USER_PASSWORD`, `SESSION_IDLE_MINUTES`, `SESSION_ABSOLUTE_HOURS` and
    /// `COOKIE_SECURE`, `TRADING_MODE` and `PAPER_STARTING_CASH`.
    pub fn from_env() -> anyhow::Result<Self> {
        let variable = |name: &str| std::env::var(name).ok().filter(|value| !value.trim().is_empty());
        let number = |name: &str, default: i64| -> anyhow::Result<i64> {
            match variable(name) {
                Some(raw) => match raw.trim().parse::<i64>() {
                    Ok(value) if value > 0 => Ok(value),
                    _ => bail!("{name} must be a positive whole number, got {raw:?}"),
                },
                None => Ok(default),
            }
        };
        let port = match variable("PORT") {
            Some(raw) => raw.parse().with_context(|| format!("PORT must be a port number, got {raw:?}"))?,
            None => 8000,
        };
        let seed_data: Vec<PathBuf> =
            variable("MARKET_DATA_SEED").map(|raw| std::env::split_paths(&raw).collect()).unwrap_or_default();
        for path in &seed_data {
            if !path.exists() {
                bail!("MARKET_DATA_SEED names {}, which does not exist", path.display());
            }
        }
        let auth_mode = match variable("AUTH_MODE").as_deref().map(str::trim) {
            None | Some("none") => AuthMode::None,
            Some("password") => AuthMode::Password,
            Some(other) => bail!("AUTH_MODE must be none or password, got {other:?}"),
        };
        let trading_mode = match variable("TRADING_MODE").as_deref().map(str::trim) {
            None | Some("readonly") => TradingMode::Readonly,
            Some("paper") => TradingMode::Paper,
            Some(other) => bail!("TRADING_MODE must be readonly or paper, got {other:?}"),
        };
        let paper_starting_cash = match variable("PAPER_STARTING_CASH") {
            Some(raw) => StartingCash::parse(&raw)
                .with_context(|| format!("PAPER_STARTING_CASH must be a decimal amount of at least 0, got {raw:?}"))?,
            None => StartingCash::default(),
        };
        let cookie_secure = match variable("COOKIE_SECURE").as_deref().map(str::trim) {
            None | Some("false" | "0") => false,
            Some("true" | "1") => true,
            Some(other) => bail!("COOKIE_SECURE must be true or false, got {other:?}"),
        };
        Ok(Self {
            host: variable("HOST").unwrap_or_else(|| "127.0.0.1".to_owned()),
            port,
            market_data_path: variable("MARKET_DATA_DB_PATH").map_or_else(|| PathBuf::from("file.db"), PathBuf::from),
            seed_data,
            categories_path: variable("CATEGORIES_PATH").map(PathBuf::from),
            app_state_path: variable("APP_STATE_DB_PATH").map_or_else(|| PathBuf::from("app_state.db"), PathBuf::from),
            auth_mode,
            default_user_password: std::env::var("DEFAULT_USER_PASSWORD").ok().filter(|value| !value.is_empty()),
            session_policy: SessionPolicy {
                idle_ms: number("SESSION_IDLE_MINUTES", 30)?.saturating_mul(60_000),
                absolute_ms: number("SESSION_ABSOLUTE_HOURS", 12)?.saturating_mul(3_600_000),
            },
            cookie_secure,
            allowed_hosts: variable("ALLOWED_HOSTS")
                .map(|raw| raw.split(',').map(|name| name.trim().to_owned()).filter(|name| !name.is_empty()).collect())
                .unwrap_or_default(),
            web_dist_dir: variable("WEB_DIST_DIR").map(PathBuf::from),
            trading_mode,
            paper_starting_cash,
        })
    }
}
