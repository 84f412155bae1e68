//! The server binary: reads the settings, starts logging and serves until stopped.

use api::{Application, Settings};

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let settings = Settings::from_env()?;
    let application = Application::build(settings).await?;
    tracing::info!(port = application.port(), "listening");
    application.run_until_stopped().await?;
    Ok(())
}
