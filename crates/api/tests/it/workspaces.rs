//! Workspaces and members: creating, listing, isolation, the last-owner rule, and bad input.

use serde_json::{Value, json};

use crate::helpers::*;

#[tokio::test]
async fn workspaces_are_created_listed_and_isolated() -> TestResult {
    let app = TestApp::spawn_password_mode(&[]).await;
    let owner = app.new_session();
    owner.login("local@example.invalid", OWNER_PASSWORD).await;
    let (status, created) =
        owner.post("/api/v1/workspaces", &json!({"name": " Macro desk ", "default_quote_asset": "usdt"})).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(
        (created["name"].as_str(), created["default_quote_asset"].as_str(), created["role"].as_str()),
        (Some("Macro desk"), Some("USDT"), Some("owner"))
    );
    let id = created["id"].as_str().ok_or("id")?.to_owned();

    let (_, listed) = owner.get("/api/v1/workspaces").await;
    let ids: Vec<&str> =
        listed["workspaces"].as_array().ok_or("list")?.iter().filter_map(|w| w["id"].as_str()).collect();
    assert_eq!(ids, ["local-workspace", id.as_str()]);
    assert_eq!(owner.get(&format!("/api/v1/workspaces/{id}")).await.1["name"], "Macro desk");

    // A second user sees neither workspace; asking for one is a 404, not a 403.
    let (status, _) = owner
        .post(
            "/api/v1/workspaces/local-workspace/members",
            &json!({"email": "bob@example.com", "role": "viewer", "display_name": "Bob", "password": "bob password"}),
        )
        .await;
    assert_eq!(status, 201);
    let bob = app.new_session();
    let session = bob.login("bob@example.com", "bob password").await;
    assert_eq!(
        session["workspaces"],
        json!([{"id": "local-workspace", "name": "Local Workspace", "default_quote_asset": "USDT", "role": "viewer"}])
    );
    let (status, body) = bob.get(&format!("/api/v1/workspaces/{id}")).await;
    assert_eq!((status, error_code("foreign", &body)), (404, "workspace_not_found".to_owned()));
    let (status, body) = bob.get("/api/v1/workspaces/no-such-workspace").await;
    assert_eq!((status, error_code("missing", &body)), (404, "workspace_not_found".to_owned()));

    // The active workspace is remembered per user, and must be one's own.
    let (status, _) =
        bob.send(reqwest::Method::PUT, "/api/v1/me/active-workspace", Some(&json!({"workspace_id": id}))).await;
    assert_eq!(status, 404);
    let (status, body) =
        owner.send(reqwest::Method::PUT, "/api/v1/me/active-workspace", Some(&json!({"workspace_id": id}))).await;
    assert_eq!((status, body["active_workspace_id"].as_str()), (200, Some(id.as_str())));
    assert_eq!(owner.get("/api/v1/auth/session").await.1["active_workspace_id"].as_str(), Some(id.as_str()));
    assert_eq!(bob.get("/api/v1/auth/session").await.1["active_workspace_id"], "local-workspace");
    Ok(())
}

#[tokio::test]
async fn members_are_managed_by_owners_and_the_last_owner_stays() -> TestResult {
    let app = TestApp::spawn_password_mode(&[]).await;
    let owner = app.new_session();
    owner.login("local@example.invalid", OWNER_PASSWORD).await;
    let members = "/api/v1/workspaces/local-workspace/members";
    let add =
        json!({"email": "Carol@Example.com", "role": "editor", "display_name": "Carol", "password": "carol password"});
    let (status, carol) = owner.post(members, &add).await;
    assert_eq!(status, 201, "{carol}");
    assert_eq!(
        (carol["email"].as_str(), carol["role"].as_str(), carol["display_name"].as_str()),
        (Some("carol@example.com"), Some("editor"), Some("Carol"))
    );
    let carol_id = carol["user_id"].as_str().ok_or("user_id")?.to_owned();

    // The same address again changes the role (200), without a password.
    let (status, carol) = owner.post(members, &json!({"email": "carol@example.com", "role": "trader"})).await;
    assert_eq!((status, carol["role"].as_str()), (200, Some("trader")));
    // A new address without a password cannot create a user.
    let (status, body) =
        owner.post(members, &json!({"email": "dave@example.com", "role": "viewer", "display_name": "Dave"})).await;
    assert_eq!(
        (status, error_code("no password", &body), body["error"]["field"].as_str()),
        (400, "password_required".to_owned(), Some("password"))
    );

    // Carol (trader) may not manage members.
    let carol_session = app.new_session();
    carol_session.login("carol@example.com", "carol password").await;
    let (status, body) = carol_session
        .post(
            members,
            &json!({"email": "eve@example.com", "role": "owner", "display_name": "Eve", "password": "eve password"}),
        )
        .await;
    assert_eq!((status, error_code("trader adds", &body)), (403, "forbidden".to_owned()));
    assert_eq!(carol_session.get(members).await.0, 200, "but may read them");

    // The last owner can be neither demoted nor removed; with a second owner they can.
    let (status, body) = owner.post(members, &json!({"email": "local@example.invalid", "role": "viewer"})).await;
    assert_eq!((status, error_code("demote", &body)), (409, "last_owner".to_owned()));
    let (status, body) = owner.send(reqwest::Method::DELETE, &format!("{members}/local-user"), None).await;
    assert_eq!((status, error_code("remove", &body)), (409, "last_owner".to_owned()));
    assert_eq!(owner.post(members, &json!({"email": "carol@example.com", "role": "owner"})).await.0, 200);
    assert_eq!(carol_session.send(reqwest::Method::DELETE, &format!("{members}/local-user"), None).await.0, 204);
    let (_, listed) = carol_session.get(members).await;
    let ids: Vec<&str> =
        listed["members"].as_array().ok_or("members")?.iter().filter_map(|m| m["user_id"].as_str()).collect();
    assert_eq!(ids, [carol_id.as_str()]);
    let (status, body) = owner.get(members).await;
    assert_eq!((status, error_code("removed owner", &body)), (404, "workspace_not_found".to_owned()));
    let (status, body) = carol_session.send(reqwest::Method::DELETE, &format!("{members}/nobody"), None).await;
    assert_eq!((status, error_code("not a member", &body)), (404, "member_not_found".to_owned()));
    Ok(())
}

#[tokio::test]
async fn bad_input_gets_4xx_json_errors_and_changes_nothing() -> TestResult {
    let app = TestApp::spawn(&[]).await;
    let members = "/api/v1/workspaces/local-workspace/members";
    let send_raw = |path: &'static str, content_type: &'static str, body: String| {
        let client = app.client.clone();
        let url = format!("{}{path}", app.address);
        async move {
            let response = client.post(url).header(reqwest::header::CONTENT_TYPE, content_type).body(body).send().await;
            let response = response.unwrap_or_else(|error| panic!("{path}: {error}"));
            let status = response.status().as_u16();
            (status, response.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let cases: Vec<(&str, String, u16, &str)> = vec![
        ("/api/v1/workspaces", "{\"name\": \"x\",".to_owned(), 400, "invalid_json"),
        ("/api/v1/workspaces", "[]".to_owned(), 400, "invalid_json"),
        (
            "/api/v1/workspaces",
            json!({"name": "x", "default_quote_asset": "USDT", "colour": "red"}).to_string(),
            400,
            "invalid_json",
        ),
        ("/api/v1/workspaces", json!({"name": "x"}).to_string(), 400, "invalid_json"),
        (
            "/api/v1/workspaces",
            json!({"name": "x".repeat(100_000), "default_quote_asset": "USDT"}).to_string(),
            413,
            "body_too_large",
        ),
        ("/api/v1/workspaces", json!({"name": "", "default_quote_asset": "USDT"}).to_string(), 400, "invalid_input"),
        ("/api/v1/workspaces", json!({"name": "x", "default_quote_asset": "US-D"}).to_string(), 400, "invalid_input"),
        (members, json!({"email": "not-an-address", "role": "viewer"}).to_string(), 400, "invalid_input"),
        (members, json!({"email": "a@example.com", "role": "admin"}).to_string(), 400, "invalid_input"),
        (
            members,
            json!({"email": "a@example.com", "role": "viewer", "display_name": "A", "password": "short"}).to_string(),
            400,
            "invalid_input",
        ),
    ];
    for (path, body, status, code) in cases {
        let (got_status, got_body) = send_raw(path, "application/json", body.clone()).await;
        assert_eq!(
            (got_status, error_code(path, &got_body).as_str()),
            (status, code),
            "{path} {}",
            &body[..body.len().min(120)]
        );
    }
    let (status, body) = send_raw("/api/v1/workspaces", "text/plain", "{}".to_owned()).await;
    assert_eq!((status, error_code("text/plain", &body).as_str()), (415, "unsupported_media_type"));
    let (_, body) =
        send_raw(members, "application/json", json!({"email": "a@example.com", "role": "admin"}).to_string()).await;
    assert_eq!(body["error"]["field"], "role");
    let (_, body) = send_raw(members, "application/json", json!({"email": "nope", "role": "viewer"}).to_string()).await;
    assert_eq!(body["error"]["field"], "email");
    // Nothing was created by any of it.
    let (_, listed) = app.get("/api/v1/workspaces").await;
    assert_eq!(listed["workspaces"].as_array().map(Vec::len), Some(1));
    let (_, members_now) = app.get(members).await;
    assert_eq!(members_now["members"].as_array().map(Vec::len), Some(1));
    Ok(())
}
