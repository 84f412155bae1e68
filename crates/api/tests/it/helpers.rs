//! Starting the real application for a test, and small HTTP helpers.

use std::path::PathBuf;

use api::{Application, AuthMode, Settings, TradingMode};
use identity::SessionPolicy;
use paper_trading::StartingCash;
use serde_json::Value;

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The local owner's password in password-mode tests.
pub const OWNER_PASSWORD: &str = "owner password 1";

/// `SHARED_DATA_DIR`, or `../shared/data` beside the checkout.
pub fn shared_data() -> PathBuf {
    std::env::var_os("SHARED_DATA_DIR")
        .map_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")), PathBuf::from)
}

/// A running server and a client for it (with its own cookie jar).
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub folder: tempfile::TempDir,
}

/// How a test server is set up.
pub struct TestOptions<'a> {
    pub seed: &'a [&'a str],
    pub auth_mode: AuthMode,
    pub default_user_password: Option<&'a str>,
    pub session_policy: SessionPolicy,
    pub trading_mode: TradingMode,
    pub paper_starting_cash: StartingCash,
    /// A built web app to serve at `/`.
    pub web_dist_dir: Option<std::path::PathBuf>,
}

impl Default for TestOptions<'_> {
    fn default() -> Self {
        Self {
            seed: &[],
            auth_mode: AuthMode::None,
            default_user_password: None,
            session_policy: SessionPolicy::default(),
            trading_mode: TradingMode::Readonly,
            web_dist_dir: None,
            paper_starting_cash: StartingCash::default(),
        }
    }
}

pub fn settings(folder: &std::path::Path, options: &TestOptions<'_>) -> Settings {
    Settings {
        host: "127.0.0.1".to_owned(),
        port: 0,
        market_data_path: folder.join("file.db"),
        seed_data: options.seed.iter().map(|path| shared_data().join(path)).collect(),
        categories_path: None,
        app_state_path: folder.join("app_state.db"),
        auth_mode: options.auth_mode,
        default_user_password: options.default_user_password.map(str::to_owned),
        session_policy: options.session_policy,
        cookie_secure: false,
        allowed_hosts: Vec::new(),
        web_dist_dir: options.web_dist_dir.clone(),
        trading_mode: options.trading_mode,
        paper_starting_cash: options.paper_starting_cash,
    }
}

impl TestApp {
    /// Starts the server on a free port with fresh databases, the market data seeded from
    /// the given shared-data files (paths relative to the shared data folder).
    pub async fn spawn(seed: &[&str]) -> Self {
        Self::spawn_with(TestOptions { seed, ..TestOptions::default() }).await
    }

    /// Starts the server in password mode, the local owner's password being `OWNER_PASSWORD`.
    pub async fn spawn_password_mode(seed: &[&str]) -> Self {
        Self::spawn_with(TestOptions {
            seed,
            auth_mode: AuthMode::Password,
            default_user_password: Some(OWNER_PASSWORD),
            ..TestOptions::default()
        })
        .await
    }

    pub async fn spawn_with(options: TestOptions<'_>) -> Self {
        let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("temp dir: {error}"));
        Self::spawn_in(folder, &options).await
    }

    /// Starts a server on the databases in `folder` (to test restarts).
    pub async fn spawn_in(folder: tempfile::TempDir, options: &TestOptions<'_>) -> Self {
        // Server errors (with their causes) show in a failing test's output.
        let _ = tracing_subscriber::fmt().with_env_filter("error").with_test_writer().try_init();
        let application = Application::build(settings(folder.path(), options))
            .await
            .unwrap_or_else(|error| panic!("build: {error:#}"));
        let address = format!("http://127.0.0.1:{}", application.port());
        tokio::spawn(application.run_until_stopped());
        Self { address, client: new_client(), folder }
    }

    /// Another client for the same server, with an empty cookie jar.
    pub fn new_session(&self) -> Session {
        Session { address: self.address.clone(), client: new_client() }
    }

    pub fn session(&self) -> Session {
        Session { address: self.address.clone(), client: self.client.clone() }
    }

    /// GETs a path and returns the status and the JSON body.
    pub async fn get(&self, path_and_query: &str) -> (u16, Value) {
        self.session().get(path_and_query).await
    }

    /// GETs a path that must fail, and returns the status and the error code.
    pub async fn get_error(&self, path_and_query: &str) -> (u16, String) {
        let (status, body) = self.get(path_and_query).await;
        (status, error_code(path_and_query, &body))
    }

    pub async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        self.session().send(reqwest::Method::POST, path, Some(body)).await
    }
}

fn new_client() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).build().unwrap_or_else(|error| panic!("client: {error}"))
}

/// One client, with its cookie jar, talking to a test server.
#[derive(Clone)]
pub struct Session {
    pub address: String,
    pub client: reqwest::Client,
}

impl Session {
    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.send(reqwest::Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    /// Sends a request with an optional JSON body; returns the status and the JSON body
    /// (`null` for an empty body).
    pub async fn send(&self, method: reqwest::Method, path: &str, body: Option<&Value>) -> (u16, Value) {
        let mut request = self.client.request(method.clone(), format!("{}{path}", self.address));
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.unwrap_or_else(|error| panic!("{method} {path}: {error}"));
        let status = response.status().as_u16();
        let text = response.text().await.unwrap_or_else(|error| panic!("{method} {path}: {error}"));
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text)
                .unwrap_or_else(|error| panic!("{method} {path}: body is not JSON ({error}): {text}"))
        };
        (status, body)
    }

    /// Logs in; panics unless it succeeds.
    pub async fn login(&self, email: &str, password: &str) -> Value {
        let (status, body) =
            self.post("/api/v1/auth/login", &serde_json::json!({ "email": email, "password": password })).await;
        assert_eq!(status, 200, "login {email}: {body}");
        body
    }
}

/// The error code of an error body, checking the body's shape on the way.
pub fn error_code(context: &str, body: &Value) -> String {
    let code = body["error"]["code"].as_str().unwrap_or_else(|| panic!("{context}: no error code in {body}"));
    assert!(body["error"]["message"].as_str().is_some_and(|message| !message.is_empty()), "{context}: {body}");
    code.to_owned()
}

/// A shared-data CSV row: open time in seconds and the five numbers.
pub fn shared_csv_rows(relative: &str) -> Vec<(i64, [f64; 5])> {
    let text =
        std::fs::read_to_string(shared_data().join(relative)).unwrap_or_else(|error| panic!("{relative}: {error}"));
    text.lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<f64> = line
                .split(',')
                .map(|field| field.parse::<f64>().unwrap_or_else(|error| panic!("{line}: {error}")))
                .collect();
            ((fields[0] as i64) / 1000, [fields[1], fields[2], fields[3], fields[4], fields[5]])
        })
        .collect()
}
