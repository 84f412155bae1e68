//! `GET /api/v1/health`, `/symbols`, `/categories` and the OpenAPI document.

use serde_json::Value;

use crate::helpers::*;

#[tokio::test]
async fn health_counts_what_is_loaded() -> TestResult {
    let app = TestApp::spawn(&["1d/BTCUSDT-1d.csv", "1h/BTCUSDT-1h.csv", "1d/ETHUSDT-1d.csv"]).await;
    let (status, body) = app.get("/api/v1/health").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "ok");
    let expected_candles = shared_csv_rows("1d/BTCUSDT-1d.csv").len()
        + shared_csv_rows("1h/BTCUSDT-1h.csv").len()
        + shared_csv_rows("1d/ETHUSDT-1d.csv").len();
    assert_eq!(body["market_data"]["symbols"].as_i64(), Some(2));
    assert_eq!(body["market_data"]["series"].as_i64(), Some(3));
    assert_eq!(body["market_data"]["candles"].as_u64(), Some(expected_candles as u64));
    Ok(())
}

#[tokio::test]
async fn symbols_carry_assets_categories_and_coverage() -> TestResult {
    let app = TestApp::spawn(&["1d/BTCUSDT-1d.csv", "1h/BTCUSDT-1h.csv", "1d/DOGEUSDT-1d.csv"]).await;
    let (status, body) = app.get("/api/v1/symbols").await;
    assert_eq!(status, 200, "{body}");
    let symbols = body["symbols"].as_array().ok_or("no symbols")?;
    let names: Vec<&str> = symbols.iter().filter_map(|s| s["symbol"].as_str()).collect();
    assert_eq!(names, ["BTCUSDT", "DOGEUSDT"]);

    let btc = &symbols[0];
    assert_eq!((btc["base_asset"].as_str(), btc["quote_asset"].as_str()), (Some("BTC"), Some("USDT")));
    assert!(btc["categories"].as_array().ok_or("categories")?.contains(&Value::from("Layer 1")));

    // Coverage, shortest interval first, checked against the files themselves.
    let coverage = btc["coverage"].as_array().ok_or("coverage")?;
    assert_eq!(coverage.iter().filter_map(|c| c["interval"].as_str()).collect::<Vec<_>>(), ["1h", "1d"]);
    let hourly = shared_csv_rows("1h/BTCUSDT-1h.csv");
    let holes: Vec<i64> =
        hourly.windows(2).map(|pair| (pair[1].0 - pair[0].0) / 3600 - 1).filter(|missing| *missing > 0).collect();
    let first_last = (hourly[0].0, hourly[hourly.len() - 1].0);
    assert_eq!(
        (coverage[0]["first_open_time"].as_i64(), coverage[0]["last_open_time"].as_i64()),
        (Some(first_last.0), Some(first_last.1))
    );
    assert_eq!(coverage[0]["last_close_time"].as_i64(), Some(first_last.1 + 3600));
    assert_eq!(coverage[0]["candles"].as_u64(), Some(hourly.len() as u64));
    assert_eq!(coverage[0]["gap_count"].as_u64(), Some(holes.len() as u64));
    assert_eq!(coverage[0]["missing_candles"].as_i64(), Some(holes.iter().sum::<i64>()));
    assert_eq!(coverage[0]["largest_gap_candles"].as_i64(), holes.iter().copied().max());
    // PROVENANCE.md: BTCUSDT 1h has 28 holes, 128 missing candles, the largest 33.
    assert_eq!((holes.len(), holes.iter().sum::<i64>(), holes.iter().max()), (28, 128, Some(&33)));
    let daily = shared_csv_rows("1d/BTCUSDT-1d.csv");
    assert_eq!(coverage[1]["candles"].as_u64(), Some(daily.len() as u64));
    assert_eq!(coverage[1]["gap_count"].as_i64(), Some(0));
    Ok(())
}

#[tokio::test]
async fn symbols_filter_by_category_and_quote_asset() -> TestResult {
    let app = TestApp::spawn(&["1d/BTCUSDT-1d.csv", "1d/DOGEUSDT-1d.csv"]).await;
    let names = |body: &Value| -> Vec<String> {
        body["symbols"]
            .as_array()
            .map(|s| s.iter().filter_map(|s| s["symbol"].as_str().map(str::to_owned)).collect())
            .unwrap_or_default()
    };
    let (_, memes) = app.get("/api/v1/symbols?category=Meme").await;
    assert_eq!(names(&memes), ["DOGEUSDT"]);
    let (_, layer_one) = app.get("/api/v1/symbols?category=Layer%201").await;
    assert_eq!(names(&layer_one), ["BTCUSDT"]);
    let (_, usdt) = app.get("/api/v1/symbols?quote_asset=usdt").await;
    assert_eq!(names(&usdt).len(), 2);
    let (status, btc_quoted) = app.get("/api/v1/symbols?quote_asset=BTC").await;
    assert_eq!((status, names(&btc_quoted).len()), (200, 0));
    assert_eq!(app.get_error("/api/v1/symbols?category=Nope").await, (404, "unknown_category".to_owned()));
    Ok(())
}

#[tokio::test]
async fn categories_list_members_and_those_with_data() -> TestResult {
    let app = TestApp::spawn(&["1d/BTCUSDT-1d.csv", "1d/ETHUSDT-1d.csv"]).await;
    let (status, body) = app.get("/api/v1/categories").await;
    assert_eq!(status, 200, "{body}");
    let categories = body["categories"].as_array().ok_or("categories")?;
    let names: Vec<&str> = categories.iter().filter_map(|c| c["name"].as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "alphabetical");
    let layer_one = categories.iter().find(|c| c["name"] == "Layer 1").ok_or("Layer 1")?;
    assert!(layer_one["symbols"].as_array().ok_or("symbols")?.len() > 10);
    assert_eq!(layer_one["symbols_with_data"], serde_json::json!(["BTCUSDT", "ETHUSDT"]));
    Ok(())
}

#[tokio::test]
async fn the_openapi_document_lists_every_endpoint() -> TestResult {
    let app = TestApp::spawn(&[]).await;
    let (status, document) = app.get("/api/v1/openapi.json").await;
    assert_eq!(status, 200);
    assert!(document["openapi"].as_str().is_some_and(|version| version.starts_with("3.1")), "{}", document["openapi"]);
    for path in ["/api/v1/health", "/api/v1/symbols", "/api/v1/categories", "/api/v1/candles", "/api/v1/ratios"] {
        assert!(document["paths"][path]["get"].is_object(), "{path} missing from the OpenAPI document");
    }
    // The interactive docs are served from the binary (vendored Swagger UI).
    let response = app.client.get(format!("{}/api/v1/docs/", app.address)).send().await?;
    assert_eq!(response.status(), 200);
    assert!(response.text().await?.contains("swagger"), "Swagger UI page");
    Ok(())
}

#[tokio::test]
async fn the_web_app_is_served_at_the_root_and_api_404s_stay_json() -> TestResult {
    let dist = tempfile::tempdir()?;
    std::fs::write(dist.path().join("index.html"), "<!doctype html><title>workbench</title><div id=root></div>")?;
    std::fs::create_dir_all(dist.path().join("assets"))?;
    std::fs::write(dist.path().join("assets/app.js"), "console.log('app')")?;
    let app =
        TestApp::spawn_with(TestOptions { web_dist_dir: Some(dist.path().to_owned()), ..TestOptions::default() }).await;
    let get = |path: &'static str| {
        let client = app.client.clone();
        let url = format!("{}{path}", app.address);
        async move {
            let response = client.get(url).send().await.unwrap_or_else(|error| panic!("{path}: {error}"));
            let content_type =
                response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
            (response.status().as_u16(), content_type, response.text().await.unwrap_or_default())
        }
    };
    let (status, content_type, body) = get("/").await;
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/html") && body.contains("workbench"), "{content_type}");
    let (status, content_type, _) = get("/assets/app.js").await;
    assert_eq!(status, 200);
    assert!(content_type.contains("javascript"), "{content_type}");
    // A client-side route gets the app.
    let (status, _, body) = get("/backtests/some-id").await;
    assert_eq!((status, body.contains("workbench")), (200, true));
    // The API keeps working and its unknown paths stay JSON.
    assert_eq!(app.get("/api/v1/health").await.0, 200);
    assert_eq!(app.get_error("/api/v1/no-such-thing").await, (404, "not_found".to_owned()));
    Ok(())
}
