//! The scanners: point in time, listings and delistings, ratios, and the real 1d data
//! checked against an independent recomputation of the rule.

use std::collections::BTreeSet;

use market_data::{IneligibleReason, RatioScanRequest, ScanRequest, TrendRule};
use market_types::Interval;

use crate::fixtures::*;

const DAY_MS: i64 = 86_400_000;
// 2024-01-01 00:00 UTC.
const START_MS: i64 = 1_704_067_200_000;

/// A daily CSV of `closes` starting `first_day` days after the start.
fn daily(first_day: i64, closes: &[f64]) -> String {
    let mut text = String::from("open_time,open,high,low,close,volume\n");
    for (index, close) in closes.iter().enumerate() {
        let time = START_MS + (first_day + index as i64) * DAY_MS;
        text.push_str(&format!("{time},{close},{close},{close},{close},1\n"));
    }
    text
}

fn small_rule() -> TrendRule {
    // SMA 2 over SMA 4, rising over 1 bar: 5 bars needed.
    TrendRule::new(2, 4, 1, 3).unwrap_or_else(|error| panic!("{error}"))
}

fn request(as_of_ms: Option<i64>, include_ineligible: bool) -> ScanRequest {
    ScanRequest {
        interval: Interval::OneDay,
        quote_asset: Some("USDT".to_owned()),
        category: None,
        as_of_ms,
        rule: small_rule(),
        include_ineligible,
        limit: 100,
    }
}

#[test]
fn scans_are_point_in_time() -> TestResult {
    let folder = tempfile::tempdir()?;
    // UP rises for 10 days; DOWN falls; LATE lists on day 6 and rises; GONE rises and stops on day 4.
    let up: Vec<f64> = (1..=10).map(f64::from).collect();
    let down: Vec<f64> = (1..=10).rev().map(f64::from).collect();
    write_file(folder.path(), "UPUSDT-1d.csv", daily(0, &up).as_bytes());
    write_file(folder.path(), "DOWNUSDT-1d.csv", daily(0, &down).as_bytes());
    write_file(folder.path(), "LATEUSDT-1d.csv", daily(6, &[1.0, 2.0, 3.0, 4.0]).as_bytes());
    write_file(folder.path(), "GONEUSDT-1d.csv", daily(0, &[1.0, 2.0, 3.0, 4.0, 5.0]).as_bytes());
    let (_store_folder, store) = fresh_store();
    import(&store, &[folder.path().to_owned()])?;

    // Latest: day 9 closes at the start of day 10.
    let latest = store.scan_uptrends(&request(None, true))?;
    assert_eq!(latest.bar_close_time_ms, START_MS + 10 * DAY_MS);
    assert_eq!(latest.hits.iter().map(|hit| hit.symbol.as_str()).collect::<Vec<_>>(), ["UPUSDT"]);
    assert_eq!((latest.candidates, latest.judged), (4, 2));
    let reasons: Vec<(String, IneligibleReason)> =
        latest.ineligible.iter().map(|i| (i.symbol.to_string(), i.reason)).collect();
    assert!(
        reasons
            .contains(&("GONEUSDT".to_owned(), IneligibleReason::Stale { last_close_time_ms: START_MS + 5 * DAY_MS }))
    );
    assert!(reasons.contains(&("LATEUSDT".to_owned(), IneligibleReason::InsufficientHistory { bars: 4, needed: 5 })));
    let hit = &latest.hits[0].reading;
    assert_eq!((hit.close, hit.sma_fast, hit.sma_slow), (10.0, 9.5, 8.5));

    // As of the close of day 4 (inside day 5): later candles do not exist, LATE is not listed
    // yet, GONE is current and rising.
    let past = store.scan_uptrends(&request(Some(START_MS + 5 * DAY_MS + 3_600_000), true))?;
    assert_eq!(past.bar_close_time_ms, START_MS + 5 * DAY_MS);
    assert_eq!(past.candidates, 3, "LATE is absent before its listing");
    let hits: Vec<&str> = past.hits.iter().map(|hit| hit.symbol.as_str()).collect();
    assert_eq!(hits.len(), 2);
    assert!(hits.contains(&"UPUSDT") && hits.contains(&"GONEUSDT"));
    assert_eq!(past.hits[0].reading.close, 5.0, "the judged close is day 4's");
    assert!(past.ineligible.iter().all(|i| i.symbol.as_str() != "LATEUSDT"));

    // Before any candle closed: an error, not an empty answer.
    assert!(matches!(
        store.scan_uptrends(&request(Some(START_MS), false)),
        Err(market_data::MarketDataError::NoDataAt { .. })
    ));
    Ok(())
}

#[test]
fn ratio_scans_judge_every_ordered_pair_on_common_times() -> TestResult {
    let folder = tempfile::tempdir()?;
    // A doubles its gains on B: A/B rises; B/A falls. C is flat.
    let a: Vec<f64> = (1..=8).map(|d| f64::from(d * d)).collect();
    let b: Vec<f64> = (1..=8).map(f64::from).collect();
    write_file(folder.path(), "AAAUSDT-1d.csv", daily(0, &a).as_bytes());
    write_file(folder.path(), "BBBUSDT-1d.csv", daily(0, &b).as_bytes());
    write_file(folder.path(), "CCCUSDT-1d.csv", daily(0, &[5.0; 8]).as_bytes());
    let (_store_folder, store) = fresh_store();
    import(&store, &[folder.path().to_owned()])?;

    let result = store.scan_ratio_uptrends(&RatioScanRequest { scan: request(None, false), base: None })?;
    assert_eq!(result.candidates, 6);
    let pairs: BTreeSet<(String, String)> = result
        .hits
        .iter()
        .map(|hit| (hit.symbol.to_string(), hit.denominator.as_ref().map(ToString::to_string).unwrap_or_default()))
        .collect();
    let expected: BTreeSet<(String, String)> = [("AAAUSDT", "BBBUSDT"), ("AAAUSDT", "CCCUSDT"), ("BBBUSDT", "CCCUSDT")]
        .iter()
        .map(|(x, y)| (x.to_string(), y.to_string()))
        .collect();
    assert_eq!(pairs, expected);
    // A/B = d: closes 1..8 -> the same reading as the symbol 1..8.
    let ab = result
        .hits
        .iter()
        .find(|h| h.symbol.as_str() == "AAAUSDT" && h.denominator.as_ref().is_some_and(|d| d.as_str() == "BBBUSDT"));
    let ab = ab.ok_or("A/B")?.reading;
    assert_eq!((ab.close, ab.sma_fast, ab.sma_slow), (8.0, 7.5, 6.5));

    let against_c =
        store.scan_ratio_uptrends(&RatioScanRequest { scan: request(None, false), base: Some(symbol("CCCUSDT")) })?;
    assert_eq!(against_c.candidates, 2);
    assert_eq!(against_c.hits.len(), 2);
    Ok(())
}

/// The rule computed naively from the CSV files, independent of the crate.
fn expected_hits(files: &[(String, Vec<CsvRow>)], as_of_ms: i64) -> (i64, BTreeSet<String>) {
    let closed = |rows: &[CsvRow]| -> usize { rows.iter().filter(|row| row.open_time_ms + DAY_MS <= as_of_ms).count() };
    let bar = files
        .iter()
        .filter_map(|(_, rows)| closed(rows).checked_sub(1).map(|i| rows[i].open_time_ms + DAY_MS))
        .max()
        .unwrap_or(0);
    let mut hits = BTreeSet::new();
    for (name, rows) in files {
        let count = closed(rows);
        if count < 210 || rows[count - 1].open_time_ms + DAY_MS != bar {
            continue;
        }
        let closes: Vec<f64> = rows[..count].iter().map(|row| row.close).collect();
        let mean = |from: usize, to: usize| closes[from..to].iter().sum::<f64>() / (to - from) as f64;
        let (fast, slow, earlier) = (mean(count - 50, count), mean(count - 200, count), mean(count - 60, count - 10));
        if closes[count - 1] > fast && fast > slow && fast > earlier {
            hits.insert(name.clone());
        }
    }
    (bar, hits)
}

#[test]
fn real_daily_hits_match_an_independent_recomputation() -> TestResult {
    let folder = shared_data().join("1d");
    let (_store_folder, store) = fresh_store();
    import(&store, std::slice::from_ref(&folder))?;
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&folder)? {
        let path = entry?.path();
        let name =
            path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix("-1d.csv")).ok_or("name")?.to_owned();
        files.push((name, read_shared_csv(&path)));
    }
    let mut hits_seen = 0;
    // 2021-06-01, 2023-01-01, 2024-06-01 and 2025-06-01 (UTC midnight).
    for as_of_seconds in [1_622_505_600_i64, 1_672_531_200, 1_717_200_000, 1_748_736_000] {
        let as_of_ms = as_of_seconds * 1000;
        let scan = ScanRequest { rule: TrendRule::default(), limit: 1000, ..request(Some(as_of_ms), false) };
        let result = store.scan_uptrends(&scan)?;
        let (bar, expected) = expected_hits(&files, as_of_ms);
        assert_eq!(result.bar_close_time_ms, bar, "as of {as_of_seconds}");
        let got: BTreeSet<String> = result.hits.iter().map(|hit| hit.symbol.to_string()).collect();
        assert_eq!(got, expected, "as of {as_of_seconds}");
        hits_seen += got.len();
        assert!(result.hits.windows(2).all(|pair| pair[0].reading.score >= pair[1].reading.score), "sorted by score");
    }
    assert!(hits_seen > 0, "the dates must include some uptrends to be a test");
    Ok(())
}
