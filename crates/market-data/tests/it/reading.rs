//! Reading back: coverage and gaps, symbols and categories, ratios, and not-found cases.

use market_data::{MarketDataError, SymbolFilter};
use market_types::Interval;

use crate::fixtures::*;

const HOUR_MS: i64 = 3_600_000;

#[test]
fn coverage_counts_the_real_gaps_of_btc_hourly() -> TestResult {
    let path = shared_data().join("1h/BTCUSDT-1h.csv");
    let rows = read_shared_csv(&path);
    // Independent count of the holes in the file.
    let holes: Vec<i64> = rows
        .windows(2)
        .map(|pair| (pair[1].open_time_ms - pair[0].open_time_ms) / HOUR_MS - 1)
        .filter(|missing| *missing > 0)
        .collect();
    assert!(!holes.is_empty(), "BTCUSDT 1h has known outages");

    let (_folder, store) = fresh_store();
    import(&store, &[path])?;
    let symbols = store.symbols(&SymbolFilter::default())?;
    let (interval, coverage) = symbols[0].coverage[0];
    assert_eq!(interval, Interval::OneHour);
    assert_eq!(coverage.candle_count, rows.len() as i64);
    assert_eq!(coverage.first_open_time_ms, rows[0].open_time_ms);
    assert_eq!(coverage.last_open_time_ms, rows[rows.len() - 1].open_time_ms);
    assert_eq!(coverage.last_close_time_ms, rows[rows.len() - 1].open_time_ms + HOUR_MS);
    assert_eq!(coverage.gap_count, holes.len() as i64);
    assert_eq!(coverage.missing_candles, holes.iter().sum::<i64>());
    assert_eq!(coverage.largest_gap_candles, holes.iter().copied().max().unwrap_or(0));
    // PROVENANCE.md: the 2018-02-08 outage lasted 33 hours.
    assert!(coverage.largest_gap_candles >= 33);
    Ok(())
}

#[test]
fn symbols_are_filtered_by_category_and_quote_asset() -> TestResult {
    let (_folder, store) = fresh_store();
    import(
        &store,
        &[
            shared_data().join("1d/BTCUSDT-1d.csv"),
            shared_data().join("1d/DOGEUSDT-1d.csv"),
            shared_data().join("1h/BTCUSDT-1h.csv"),
        ],
    )?;
    let all = store.symbols(&SymbolFilter::default())?;
    assert_eq!(all.iter().map(|s| s.symbol.as_str()).collect::<Vec<_>>(), vec!["BTCUSDT", "DOGEUSDT"]);
    assert_eq!(
        all[0].coverage.iter().map(|(interval, _)| *interval).collect::<Vec<_>>(),
        vec![Interval::OneHour, Interval::OneDay]
    );
    assert!(all[0].categories.contains(&"Layer 1".to_owned()));

    let memes = store.symbols(&SymbolFilter { category: Some("Meme".into()), quote_asset: None })?;
    assert_eq!(memes.iter().map(|s| s.symbol.as_str()).collect::<Vec<_>>(), vec!["DOGEUSDT"]);
    let usdt = store.symbols(&SymbolFilter { category: None, quote_asset: Some("usdt".into()) })?;
    assert_eq!(usdt.len(), 2);
    let btc_quoted = store.symbols(&SymbolFilter { category: None, quote_asset: Some("BTC".into()) })?;
    assert!(btc_quoted.is_empty());
    let unknown = store.symbols(&SymbolFilter { category: Some("Nope".into()), quote_asset: None });
    assert!(matches!(unknown, Err(MarketDataError::UnknownCategory(_))));
    Ok(())
}

#[test]
fn ratios_divide_the_real_closes() -> TestResult {
    let eth_path = shared_data().join("1d/ETHUSDT-1d.csv");
    let btc_path = shared_data().join("1d/BTCUSDT-1d.csv");
    let (_folder, store) = fresh_store();
    import(&store, &[eth_path.clone(), btc_path.clone()])?;
    let ratio = store.ratio(&symbol("ETHUSDT"), &symbol("BTCUSDT"), Interval::OneDay)?;

    let eth = read_shared_csv(&eth_path);
    let btc = read_shared_csv(&btc_path);
    let common: Vec<(i64, f64, f64)> = eth
        .iter()
        .filter_map(|e| {
            btc.iter()
                .find(|b| b.open_time_ms == e.open_time_ms)
                .map(|b| (e.open_time_ms, e.open / b.open, e.close / b.close))
        })
        .collect();
    assert_eq!(ratio.len(), common.len());
    for (index, (time, open, close)) in common.iter().enumerate() {
        assert_eq!((ratio.open_time_ms[index], ratio.open[index], ratio.close[index]), (*time, *open, *close));
    }
    Ok(())
}

#[test]
fn unknown_symbols_and_missing_intervals_are_told_apart() -> TestResult {
    let (_folder, store) = fresh_store();
    import(&store, &[shared_data().join("1d/BTCUSDT-1d.csv")])?;
    assert!(matches!(store.series(&symbol("NOPEUSDT"), Interval::OneDay), Err(MarketDataError::UnknownSymbol(_))));
    assert!(matches!(store.series(&symbol("BTCUSDT"), Interval::FiveMinutes), Err(MarketDataError::NoCandles { .. })));
    assert!(matches!(
        store.ratio(&symbol("BTCUSDT"), &symbol("BTCUSDT"), Interval::OneDay),
        Err(MarketDataError::InvalidInput(_))
    ));
    Ok(())
}
