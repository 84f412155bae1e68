//! Both auth modes: the local user, bootstrap, login and logout, session fixation,
//! enumeration resistance, throttling, password changes and CSRF.

use api::{Application, AuthMode};
use serde_json::{Value, json};

use crate::helpers::*;

#[tokio::test]
async fn auth_mode_none_acts_as_the_local_owner() -> TestResult {
    let app = TestApp::spawn(&[]).await;
    let expected = json!({
        "auth_mode": "none",
        "trading_mode": "readonly",
        "user": {"id": "local-user", "email": "local@example.invalid", "display_name": "Local User", "status": "active"},
        "active_workspace_id": "local-workspace",
        "workspaces": [{"id": "local-workspace", "name": "Local Workspace", "default_quote_asset": "USDT", "role": "owner"}]
    });
    assert_eq!(app.get("/api/v1/auth/session").await, (200, expected.clone()));
    assert_eq!(app.get("/api/v1/me").await, (200, expected));
    Ok(())
}

#[tokio::test]
async fn password_mode_refuses_to_start_without_a_first_password() -> TestResult {
    let folder = tempfile::tempdir()?;
    let options = TestOptions { auth_mode: AuthMode::Password, ..TestOptions::default() };
    let error = Application::build(settings(folder.path(), &options)).await.err().ok_or("it started")?;
    assert!(format!("{error:#}").contains("DEFAULT_USER_PASSWORD"), "{error:#}");

    let short =
        TestOptions { auth_mode: AuthMode::Password, default_user_password: Some("short"), ..TestOptions::default() };
    let error = Application::build(settings(folder.path(), &short)).await.err().ok_or("it started")?;
    assert!(format!("{error:#}").contains("at least 8 characters"), "{error:#}");
    Ok(())
}

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|cookie| cookie.starts_with("workbench_session="))
        .map(str::to_owned)
}

/// `name=value` of a Set-Cookie header, to send back by hand.
fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap_or_default().to_owned()
}

async fn raw_login(app: &TestApp, cookie: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .post(format!("{}/api/v1/auth/login", app.address))
        .json(&json!({"email": "local@example.invalid", "password": OWNER_PASSWORD}));
    if let Some(cookie) = cookie {
        request = request.header(reqwest::header::COOKIE, cookie);
    }
    request.send().await.unwrap_or_else(|error| panic!("login: {error}"))
}

async fn me_with_cookie(app: &TestApp, cookie: &str) -> u16 {
    let response = reqwest::Client::new()
        .get(format!("{}/api/v1/me", app.address))
        .header(reqwest::header::COOKIE, cookie)
        .send()
        .await
        .unwrap_or_else(|error| panic!("me: {error}"));
    response.status().as_u16()
}

#[tokio::test]
async fn login_sets_a_safe_cookie_and_logout_really_ends_the_session() -> TestResult {
    let app = TestApp::spawn_password_mode(&[]).await;
    let anonymous = app.new_session();
    let (status, body) = anonymous.get("/api/v1/auth/session").await;
    assert_eq!((status, &body["user"], &body["auth_mode"]), (200, &Value::Null, &json!("password")));
    assert_eq!(error_code("me", &anonymous.get("/api/v1/me").await.1), "unauthenticated");
    assert_eq!(anonymous.get("/api/v1/workspaces").await.0, 401);

    let response = raw_login(&app, None).await;
    assert_eq!(response.status(), 200);
    let set_cookie = session_cookie(&response).ok_or("no session cookie")?;
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(!set_cookie.contains("Secure"), "not configured for TLS: {set_cookie}");
    let body: Value = response.json().await?;
    assert_eq!(body["user"]["id"], "local-user");
    assert_eq!(body["workspaces"][0]["role"], "owner");

    let cookie = cookie_pair(&set_cookie);
    assert_eq!(me_with_cookie(&app, &cookie).await, 200);
    let logout = reqwest::Client::new()
        .post(format!("{}/api/v1/auth/logout", app.address))
        .header(reqwest::header::COOKIE, &cookie)
        .send()
        .await?;
    assert_eq!(logout.status(), 204);
    // A copy of the old cookie no longer works.
    assert_eq!(me_with_cookie(&app, &cookie).await, 401);
    Ok(())
}

#[tokio::test]
async fn login_issues_a_new_session_id_every_time() -> TestResult {
    let app = TestApp::spawn_password_mode(&[]).await;
    let first = cookie_pair(&session_cookie(&raw_login(&app, None).await).ok_or("first cookie")?);
    let second = cookie_pair(&session_cookie(&raw_login(&app, Some(&first)).await).ok_or("second cookie")?);
    assert_ne!(first, second);
    assert_eq!(me_with_cookie(&app, &second).await, 200);
    assert_eq!(me_with_cookie(&app, &first).await, 401, "the session presented at login is replaced");
    Ok(())
}

#[tokio::test]
async fn unknown_accounts_and_wrong_passwords_look_the_same() -> TestResult {
    let app = TestApp::spawn_password_mode(&[]).await;
    let client = app.new_session();
    let attempt = |email: &'static str| {
        let client = client.clone();
        async move {
            let started = std::time::Instant::now();
            let answer =
                client.post("/api/v1/auth/login", &json!({"email": email, "password": "not the password"})).await;
            (answer, started.elapsed())
        }
    };
    // Warm up, then alternate: both paths run one argon2 verification, so their median
    // times are of the same order (a skipped verification would be 100 times faster).
    attempt("warm@example.com").await;
    let (mut unknown_times, mut wrong_times) = (Vec::new(), Vec::new());
    let (mut unknown, mut wrong) = (None, None);
    for _ in 0..5 {
        let (answer, time) = attempt("nobody@example.com").await;
        unknown_times.push(time);
        unknown = Some(answer);
        let (answer, time) = attempt("local@example.invalid").await;
        wrong_times.push(time);
        wrong = Some(answer);
    }
    let (unknown, wrong) = (unknown.ok_or("answer")?, wrong.ok_or("answer")?);
    assert_eq!(unknown, wrong);
    assert_eq!((unknown.0, error_code("login", &unknown.1)), (401, "invalid_credentials".to_owned()));
    unknown_times.sort();
    wrong_times.sort();
    let (unknown_median, wrong_median) = (unknown_times[2], wrong_times[2]);
    let (fast, slow) =
        if unknown_median < wrong_median { (unknown_median, wrong_median) } else { (wrong_median, unknown_median) };
    assert!(fast * 5 > slow, "unknown {unknown_times:?} vs wrong password {wrong_times:?}");
    // A malformed address is just another unknown account.
    let (status, body) = client.post("/api/v1/auth/login", &json!({"email": "not an address", "password": "x"})).await;
    assert_eq!((status, body), unknown);
    Ok(())
}

#[tokio::test]
async fn failed_logins_are_throttled_per_account() -> TestResult {
    let app = TestApp::spawn_password_mode(&[]).await;
    let client = app.new_session();
    let wrong = json!({"email": "local@example.invalid", "password": "wrong password"});
    for _ in 0..5 {
        assert_eq!(client.post("/api/v1/auth/login", &wrong).await.0, 401);
    }
    let response = reqwest::Client::new()
        .post(format!("{}/api/v1/auth/login", app.address))
        .json(&json!({"email": "LOCAL@example.invalid", "password": OWNER_PASSWORD}))
        .send()
        .await?;
    assert_eq!(response.status(), 429, "even the right password waits");
    let retry_after: i64 = response.headers().get("retry-after").ok_or("Retry-After")?.to_str()?.parse()?;
    assert!((1..=900).contains(&retry_after), "{retry_after}");
    let body: Value = response.json().await?;
    assert_eq!(error_code("throttled", &body), "too_many_attempts");
    // Other accounts are not locked out by this one (the per-address limit is higher).
    let (status, body) =
        client.post("/api/v1/auth/login", &json!({"email": "other@example.com", "password": "whatever1"})).await;
    assert_eq!((status, error_code("other", &body)), (401, "invalid_credentials".to_owned()));
    Ok(())
}

#[tokio::test]
async fn parallel_guesses_cannot_outrun_the_throttle() -> TestResult {
    let app = TestApp::spawn_password_mode(&[]).await;
    let mut guesses = Vec::new();
    for attempt in 0..12 {
        let client = app.new_session();
        guesses.push(tokio::spawn(async move {
            let body = json!({"email": "local@example.invalid", "password": format!("guess number {attempt}")});
            client.post("/api/v1/auth/login", &body).await.0
        }));
    }
    let mut statuses = Vec::new();
    for guess in guesses {
        statuses.push(guess.await?);
    }
    let verified = statuses.iter().filter(|status| **status == 401).count();
    let throttled = statuses.iter().filter(|status| **status == 429).count();
    assert_eq!((verified, throttled), (5, 7), "{statuses:?}");
    Ok(())
}

#[tokio::test]
async fn changing_the_password_ends_every_session_of_the_user() -> TestResult {
    let app = TestApp::spawn_password_mode(&[]).await;
    let (laptop, phone) = (app.new_session(), app.new_session());
    laptop.login("local@example.invalid", OWNER_PASSWORD).await;
    phone.login("local@example.invalid", OWNER_PASSWORD).await;

    let wrong = json!({"current_password": "not it at all", "new_password": "a new password"});
    let (status, body) = laptop.post("/api/v1/me/password", &wrong).await;
    assert_eq!((status, error_code("wrong current", &body)), (401, "invalid_credentials".to_owned()));
    let short = json!({"current_password": OWNER_PASSWORD, "new_password": "short"});
    let (status, body) = laptop.post("/api/v1/me/password", &short).await;
    assert_eq!((status, body["error"]["field"].as_str()), (400, Some("new_password")));

    let change = json!({"current_password": OWNER_PASSWORD, "new_password": "a new password"});
    assert_eq!(laptop.post("/api/v1/me/password", &change).await.0, 204);
    assert_eq!(phone.get("/api/v1/me").await.0, 401, "the other session ended");
    assert_eq!(laptop.get("/api/v1/me").await.0, 401, "this session ended too");
    let (status, _) =
        laptop.post("/api/v1/auth/login", &json!({"email": "local@example.invalid", "password": OWNER_PASSWORD})).await;
    assert_eq!(status, 401);
    laptop.login("local@example.invalid", "a new password").await;
    Ok(())
}

#[tokio::test]
async fn cross_site_writes_are_refused() -> TestResult {
    let app = TestApp::spawn_password_mode(&[]).await;
    for (name, value) in [("origin", "https://evil.example"), ("sec-fetch-site", "cross-site")] {
        let response = reqwest::Client::new()
            .post(format!("{}/api/v1/auth/login", app.address))
            .header(name, value)
            .json(&json!({"email": "local@example.invalid", "password": OWNER_PASSWORD}))
            .send()
            .await?;
        assert_eq!(response.status(), 403, "{name}: {value}");
        let body: Value = response.json().await?;
        assert_eq!(error_code(name, &body), "cross_site_request");
    }
    // The same request from the app's own origin is fine.
    let response = reqwest::Client::new()
        .post(format!("{}/api/v1/auth/login", app.address))
        .header("origin", app.address.as_str())
        .header("sec-fetch-site", "same-origin")
        .json(&json!({"email": "local@example.invalid", "password": OWNER_PASSWORD}))
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    // A form post (not JSON) cannot change anything.
    let form = reqwest::Client::new()
        .post(format!("{}/api/v1/workspaces", app.address))
        .header(reqwest::header::CONTENT_TYPE, "text/plain")
        .body("{\"name\":\"x\",\"default_quote_asset\":\"USDT\"}")
        .send()
        .await?;
    assert!(form.status().is_client_error(), "{}", form.status());
    Ok(())
}
