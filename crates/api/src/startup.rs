//! Building the application: opening the stores, bootstrapping the local owner, seeding
//! market data, binding the listener and wiring the middleware and routes.

use std::net::TcpListener;
use std::sync::Arc;

use actix_session::SessionMiddleware;
use actix_session::config::{BrowserSession, TtlExtensionPolicy};
use actix_web::cookie::{Key, SameSite};
use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use anyhow::{Context, bail};
use app_state_store::AppStateStore;
use identity::Password;
use market_data::{Categories, DEFAULT_CATEGORIES_YAML, ImportOptions, MarketData, Silent};
use tracing_actix_web::TracingLogger;

use crate::auth::{AllowedHosts, Authenticator, SqliteSessionStore, reject_cross_site_writes, reject_foreign_hosts};
use crate::error::{json_error_handler, path_error_handler, query_error_handler, route_not_found};
use crate::routes;
use crate::settings::{AuthMode, Settings};

/// The shared state every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub market: Arc<MarketData>,
    pub app_state: AppStateStore,
    pub auth: Arc<Authenticator>,
    /// The trading mode, the default starting cash and the idempotency keys in flight.
    pub paper: routes::paper::PaperState,
}

/// A built server, bound to its port and ready to run.
pub struct Application {
    port: u16,
    server: Server,
}

impl std::fmt::Debug for Application {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Application").field("port", &self.port).finish_non_exhaustive()
    }
}

const SESSION_COOKIE: &str = "workbench_session";
const JSON_BODY_LIMIT: usize = 64 * 1024;

impl Application {
    /// Opens the stores, seeds market data if the file is empty and binds the listener.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let (market, app_state, auth, cookie_key) = {
            let settings = settings.clone();
            tokio::task::spawn_blocking(move || -> anyhow::Result<_> {
                let auth = Authenticator::new(settings.auth_mode)?;
                let app_state = open_app_state(&settings, &auth)?;
                let cookie_key = app_state.secret("session_cookie_key", 64)?;
                Ok((open_market_data(&settings)?, app_state, auth, cookie_key))
            })
            .await??
        };
        let listener = TcpListener::bind((settings.host.as_str(), settings.port))
            .with_context(|| format!("cannot listen on {}:{}", settings.host, settings.port))?;
        let port = listener.local_addr()?.port();
        let purge_store = app_state.clone();
        let state = AppState {
            market: Arc::new(market),
            app_state,
            auth: Arc::new(auth),
            paper: routes::paper::PaperState::new(&settings),
        };
        let cookie_key = Key::from(&cookie_key);
        let web_dist = settings.web_dist_dir.clone().filter(|dist| dist.join("index.html").is_file());
        match (&settings.web_dist_dir, &web_dist) {
            (Some(dist), None) => {
                tracing::warn!(dist = %dist.display(), "no built web app there (index.html); serving the API only")
            }
            (_, Some(dist)) => tracing::info!(dist = %dist.display(), "serving the web app"),
            (None, None) => {}
        }
        let allowed_hosts = AllowedHosts::for_bind_address(&settings.host, &settings.allowed_hosts);
        let server = HttpServer::new(move || {
            let sessions = SqliteSessionStore::new(state.app_state.clone(), settings.session_policy);
            let session_ttl = actix_web::cookie::time::Duration::milliseconds(settings.session_policy.idle_ms);
            let session_middleware = SessionMiddleware::builder(sessions, cookie_key.clone())
                .cookie_name(SESSION_COOKIE.to_owned())
                .cookie_http_only(true)
                .cookie_same_site(SameSite::Lax)
                .cookie_secure(settings.cookie_secure)
                .session_lifecycle(
                    BrowserSession::default()
                        .state_ttl(session_ttl)
                        .state_ttl_extension_policy(TtlExtensionPolicy::OnStateChanges),
                )
                .build();
            let app = App::new()
                .wrap(from_fn(reject_cross_site_writes))
                .wrap(session_middleware)
                .wrap(from_fn(reject_foreign_hosts))
                .wrap(TracingLogger::default())
                .app_data(web::Data::new(allowed_hosts.clone()))
                .app_data(web::Data::new(state.clone()))
                .app_data(web::QueryConfig::default().error_handler(query_error_handler))
                .app_data(web::PathConfig::default().error_handler(path_error_handler))
                .app_data(web::JsonConfig::default().limit(JSON_BODY_LIMIT).error_handler(json_error_handler))
                .configure(routes::configure);
            match &web_dist {
                Some(dist) => app.service(crate::web_app::service(dist)),
                None => app.default_service(web::to(route_not_found)),
            }
        })
        .listen(listener)?
        .run();
        tokio::spawn(purge_expired_sessions(purge_store));
        Ok(Self { port, server })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Deletes expired sessions every ten minutes (a session's expiry is also checked whenever
/// its cookie comes back; this keeps the table from growing with abandoned ones).
async fn purge_expired_sessions(store: AppStateStore) {
    let mut every_ten_minutes = actix_web::rt::time::interval(std::time::Duration::from_secs(600));
    loop {
        every_ten_minutes.tick().await;
        let store = store.clone();
        match web::block(move || store.delete_expired_sessions(crate::auth::now_ms())).await {
            Ok(Ok(0)) => {}
            Ok(Ok(purged)) => tracing::info!(purged, "deleted expired sessions"),
            Ok(Err(error)) => tracing::warn!(%error, "cannot delete expired sessions"),
            Err(error) => tracing::warn!(%error, "cannot delete expired sessions"),
        }
    }
}

/// Opens the app-state database and makes sure the local owner exists. In password mode
/// someone must be able to log in: without any password yet, `DEFAULT_USER_PASSWORD` is
/// required.
fn open_app_state(settings: &Settings, auth: &Authenticator) -> anyhow::Result<AppStateStore> {
    let store = AppStateStore::open(&settings.app_state_path)
        .with_context(|| format!("cannot open the app-state database {}", settings.app_state_path.display()))?;
    let hash = match (settings.auth_mode, &settings.default_user_password) {
        (AuthMode::Password, Some(password)) => {
            let password = Password::parse(password).context("DEFAULT_USER_PASSWORD")?;
            Some(auth.hasher.hash(&password)?)
        }
        (AuthMode::Password, None) if !store.anyone_can_log_in()? => bail!(
            "AUTH_MODE=password, but no user has a password yet: set DEFAULT_USER_PASSWORD to the first \
             password (at least 8 characters) of the local owner {}",
            identity::LOCAL_USER_EMAIL
        ),
        _ => None,
    };
    store.ensure_local_owner(hash.as_ref())?;
    Ok(store)
}

fn open_market_data(settings: &Settings) -> anyhow::Result<MarketData> {
    let categories_text = match &settings.categories_path {
        Some(path) => {
            std::fs::read_to_string(path).with_context(|| format!("cannot read the category map {}", path.display()))?
        }
        None => DEFAULT_CATEGORIES_YAML.to_owned(),
    };
    let categories = Categories::from_yaml(&categories_text)?;
    let market = MarketData::open(&settings.market_data_path, categories)?;
    if !settings.seed_data.is_empty() && market.is_empty()? {
        tracing::info!(paths = ?settings.seed_data, "market data is empty; importing the seed data");
        let report = market.import(&settings.seed_data, &ImportOptions::default(), &mut Silent)?;
        for rejected in &report.rejected {
            tracing::warn!(%rejected, "seed file rejected");
        }
        tracing::info!(
            files = report.files_read,
            candles = report.inserted(),
            series = report.series.len(),
            "seed data imported"
        );
    }
    Ok(market)
}
