//! The three input formats, both timestamp units, zip archives and explicit names.

use market_data::{ImportOptions, Silent};
use market_types::Interval;

use crate::fixtures::*;

// 2024-01-01 00:00:00 UTC in milliseconds, and one day.
const START_MS: i64 = 1_704_067_200_000;
const DAY_MS: i64 = 86_400_000;

#[test]
fn the_shared_csv_is_stored_exactly() -> TestResult {
    let (_folder, store) = fresh_store();
    let path = shared_data().join("1d/BTCUSDT-1d.csv");
    let report = import(&store, std::slice::from_ref(&path))?;
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);

    let expected = read_shared_csv(&path);
    let series = store.series(&symbol("BTCUSDT"), Interval::OneDay)?;
    assert_eq!(series.len(), expected.len());
    for (index, row) in expected.iter().enumerate() {
        let candle = series.candle(index);
        assert_eq!(
            (candle.open_time_ms, candle.open, candle.high, candle.low, candle.close, candle.volume),
            (row.open_time_ms, row.open, row.high, row.low, row.close, row.volume),
            "row {index}"
        );
        assert_eq!(candle.close_time_ms, row.open_time_ms + DAY_MS);
    }
    // Spot check against the file's first line: 2017-08-17.
    assert_eq!(series.candle(0).open_time_ms, 1_502_928_000_000);
    assert_eq!((series.open[0], series.close[0]), (4261.48, 4285.08));
    Ok(())
}

#[test]
fn binance_zip_files_in_milliseconds_and_microseconds() -> TestResult {
    let folder = tempfile::tempdir()?;
    let row = |time: i64, close_time: i64| {
        format!("{time},42000.5,42100,41900.25,42050,12.5,{close_time},525000.1,1234,6.1,256000.2,0\n")
    };
    let millis =
        format!("{}{}", row(START_MS, START_MS + DAY_MS - 1), row(START_MS + DAY_MS, START_MS + 2 * DAY_MS - 1));
    let micros = row((START_MS + 2 * DAY_MS) * 1000, (START_MS + 3 * DAY_MS) * 1000 - 1);
    let millis_zip = write_zip(folder.path(), "BTCUSDT-1d-2024-01.zip", "BTCUSDT-1d-2024-01.csv", millis.as_bytes());
    let micros_zip = write_zip(folder.path(), "BTCUSDT-1d-2025-01.zip", "BTCUSDT-1d-2025-01.csv", micros.as_bytes());

    let (_store_folder, store) = fresh_store();
    let report = import(&store, &[millis_zip, micros_zip])?;
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(report.inserted(), 3);

    let series = store.series(&symbol("BTCUSDT"), Interval::OneDay)?;
    assert_eq!(series.open_time_ms, vec![START_MS, START_MS + DAY_MS, START_MS + 2 * DAY_MS]);
    assert_eq!(series.close_time_ms[2], START_MS + 3 * DAY_MS);
    let last = series.candle(2);
    assert_eq!((last.open, last.high, last.low, last.close, last.volume), (42000.5, 42100.0, 41900.25, 42050.0, 12.5));
    assert_eq!((last.quote_volume, last.trade_count), (Some(525000.1), Some(1234)));
    let info = store.symbols(&Default::default())?;
    assert_eq!((info[0].base_asset.as_str(), info[0].quote_asset.as_str()), ("BTC", "USDT"));
    Ok(())
}

#[test]
fn freqtrade_json_files() -> TestResult {
    let folder = tempfile::tempdir()?;
    let json = format!("[[{START_MS},1.5,2.0,1.25,1.75,100.0],[{},1.75,1.8,1.7,1.72,50]]", START_MS + 3_600_000);
    let path = write_file(folder.path(), "PEPE_FDUSD-1h.json", json.as_bytes());
    let (_store_folder, store) = fresh_store();
    let report = import(&store, &[path])?;
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    let series = store.series(&symbol("PEPEFDUSD"), Interval::OneHour)?;
    assert_eq!(series.close, vec![1.75, 1.72]);
    assert_eq!(series.close_time_ms, vec![START_MS + 3_600_000, START_MS + 7_200_000]);
    let info = store.symbols(&Default::default())?;
    assert_eq!((info[0].base_asset.as_str(), info[0].quote_asset.as_str()), ("PEPE", "FDUSD"));
    Ok(())
}

#[test]
fn explicit_symbol_and_interval_override_the_file_name() -> TestResult {
    let folder = tempfile::tempdir()?;
    let path = write_file(
        folder.path(),
        "export.csv",
        format!("open_time,open,high,low,close,volume\n{START_MS},1,2,0.5,1.5,10\n").as_bytes(),
    );
    let (_store_folder, store) = fresh_store();
    let without_names = import(&store, std::slice::from_ref(&path))?;
    assert_eq!(without_names.rejected.len(), 1);
    assert!(without_names.rejected[0].reason.contains("cannot tell the symbol"), "{:?}", without_names.rejected);

    let options = ImportOptions { symbol: Some(symbol("SOLUSDT")), interval: Some(Interval::OneWeek) };
    let report = store.import(&[path], &options, &mut Silent)?;
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(store.series(&symbol("SOLUSDT"), Interval::OneWeek)?.len(), 1);
    Ok(())
}

#[test]
fn a_whole_directory_is_imported_recursively() -> TestResult {
    let folder = tempfile::tempdir()?;
    std::fs::create_dir_all(folder.path().join("nested/deeper"))?;
    write_file(folder.path(), "README.md", b"not candles");
    write_file(
        &folder.path().join("nested"),
        "ETHUSDT-1d.csv",
        format!("open_time,open,high,low,close,volume\n{START_MS},1,2,0.5,1.5,10\n").as_bytes(),
    );
    write_file(
        &folder.path().join("nested/deeper"),
        "ETH_USDT-1h.json",
        format!("[[{START_MS},1,2,0.5,1.5,10]]").as_bytes(),
    );
    let (_store_folder, store) = fresh_store();
    let report = import(&store, &[folder.path().to_owned()])?;
    assert_eq!((report.files_read, report.rejected.len(), report.inserted()), (2, 0, 2));
    Ok(())
}

#[test]
fn importing_all_of_the_shared_data_stores_every_candle_of_every_file() -> TestResult {
    let (_folder, store) = fresh_store();
    let report = import(&store, &[shared_data()])?;
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    let mut files = 0;
    for interval_folder in std::fs::read_dir(shared_data())? {
        let folder = interval_folder?.path();
        if !folder.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            let name = path.file_stem().and_then(|n| n.to_str()).ok_or("name")?;
            let (symbol_name, interval_name) = name.split_once('-').ok_or("name")?;
            let interval = Interval::parse(interval_name)?;
            let rows = read_shared_csv(&path);
            let series = store.series(&symbol(symbol_name), interval)?;
            assert_eq!(series.len(), rows.len(), "{}", path.display());
            assert_eq!(series.close.last(), rows.last().map(|row| &row.close), "{}", path.display());
            files += 1;
        }
    }
    assert_eq!(files, 184);
    assert_eq!(report.inserted(), 869_915);
    Ok(())
}
