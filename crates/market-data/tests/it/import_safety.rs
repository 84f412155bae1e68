//! Import safety: idempotency, merging overlaps, and bad files that change nothing.

use market_types::Interval;

use crate::fixtures::*;

const START_MS: i64 = 1_704_067_200_000;
const DAY_MS: i64 = 86_400_000;

fn daily_csv(days: std::ops::Range<i64>, close: impl Fn(i64) -> f64) -> String {
    let mut text = String::from("open_time,open,high,low,close,volume\n");
    for day in days {
        let c = close(day);
        text.push_str(&format!("{},{c},{},{},{c},1\n", START_MS + day * DAY_MS, c + 1.0, c - 1.0));
    }
    text
}

#[test]
fn importing_the_same_files_twice_changes_nothing() -> TestResult {
    let (_folder, store) = fresh_store();
    let files = [shared_data().join("1d/ETHUSDT-1d.csv"), shared_data().join("1h/ETHUSDT-1h.csv")];
    let first = import(&store, &files)?;
    let stored = first.inserted();
    assert!(stored > 30_000, "{stored}");
    let before = store.summary()?;

    let second = import(&store, &files)?;
    assert_eq!(second.inserted(), 0);
    assert_eq!(second.series.iter().map(|s| s.unchanged).sum::<usize>(), stored);
    assert_eq!(store.summary()?, before);
    assert_eq!(
        second.series.iter().map(|s| s.coverage).collect::<Vec<_>>(),
        first.series.iter().map(|s| s.coverage).collect::<Vec<_>>()
    );
    Ok(())
}

#[test]
fn overlapping_files_merge() -> TestResult {
    let folder = tempfile::tempdir()?;
    let early = write_file(folder.path(), "AAVEUSDT-1d-a.csv", daily_csv(0..3, |d| 100.0 + d as f64).as_bytes());
    let late = write_file(folder.path(), "AAVEUSDT-1d-b.csv", daily_csv(2..6, |d| 100.0 + d as f64).as_bytes());
    let (_store_folder, store) = fresh_store();
    let report = import(&store, &[early, late])?;
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!((report.inserted(), report.series[0].unchanged, report.series[0].files), (6, 1, 2));
    let series = store.series(&symbol("AAVEUSDT"), Interval::OneDay)?;
    assert_eq!(series.close, vec![100.0, 101.0, 102.0, 103.0, 104.0, 105.0]);
    Ok(())
}

#[test]
fn a_file_that_contradicts_stored_candles_is_rejected_whole() -> TestResult {
    let folder = tempfile::tempdir()?;
    let good = write_file(folder.path(), "LINKUSDT-1d.csv", daily_csv(0..3, |d| 10.0 + d as f64).as_bytes());
    let (_store_folder, store) = fresh_store();
    import(&store, &[good])?;
    let before = store.series(&symbol("LINKUSDT"), Interval::OneDay)?;

    // Days 3 and 4 are new, but day 2 differs from the stored candle (line 2 of the file).
    let contradicting =
        write_file(folder.path(), "LINKUSDT-1d-new.csv", daily_csv(2..5, |d| 20.0 + d as f64).as_bytes());
    let report = import(&store, std::slice::from_ref(&contradicting))?;
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].path, contradicting);
    assert_eq!(report.rejected[0].location.as_deref(), Some("line 2"));
    assert!(report.rejected[0].reason.contains("differs from the candle already stored"), "{}", report.rejected[0]);
    assert_eq!(report.inserted(), 0);
    assert_eq!(*store.series(&symbol("LINKUSDT"), Interval::OneDay)?, *before);
    Ok(())
}

#[test]
fn a_bad_row_rejects_its_file_and_keeps_the_good_files() -> TestResult {
    let folder = tempfile::tempdir()?;
    let good = write_file(folder.path(), "UNIUSDT-1d.csv", daily_csv(0..3, |d| 5.0 + d as f64).as_bytes());
    let mut bad_text = daily_csv(0..3, |d| 7.0 + d as f64);
    bad_text.push_str(&format!("{},7,6,8,7,1\n", START_MS + 3 * DAY_MS)); // high below low, line 5
    let bad = write_file(folder.path(), "XLMUSDT-1d.csv", bad_text.as_bytes());
    let unaligned = write_file(
        folder.path(),
        "XTZUSDT-1d.csv",
        format!("open_time,open,high,low,close,volume\n{},1,1,1,1,1\n", START_MS + 3_600_000).as_bytes(),
    );
    let (_store_folder, store) = fresh_store();
    let report = import(&store, &[good, bad.clone(), unaligned])?;
    let rejected: Vec<(String, Option<String>)> = report
        .rejected
        .iter()
        .map(|file| {
            (file.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), file.location.clone())
        })
        .collect();
    assert_eq!(
        rejected,
        vec![
            ("XLMUSDT-1d.csv".to_owned(), Some("line 5".to_owned())),
            ("XTZUSDT-1d.csv".to_owned(), Some("line 2".to_owned()))
        ]
    );
    assert_eq!(report.inserted(), 3);
    assert!(matches!(
        store.series(&symbol("XLMUSDT"), Interval::OneDay),
        Err(market_data::MarketDataError::UnknownSymbol(_))
    ));
    Ok(())
}

#[test]
fn conflicting_files_in_one_import_keep_the_first() -> TestResult {
    let folder = tempfile::tempdir()?;
    let first = write_file(folder.path(), "DOTUSDT-1d-1.csv", daily_csv(0..2, |_| 10.0).as_bytes());
    let second = write_file(folder.path(), "DOTUSDT-1d-2.csv", daily_csv(1..3, |_| 11.0).as_bytes());
    let (_store_folder, store) = fresh_store();
    let report = import(&store, &[first, second])?;
    assert_eq!(report.rejected.len(), 1);
    assert!(report.rejected[0].reason.contains("of DOTUSDT-1d-1.csv"), "{}", report.rejected[0]);
    assert_eq!(store.series(&symbol("DOTUSDT"), Interval::OneDay)?.close, vec![10.0, 10.0]);
    Ok(())
}

#[test]
fn a_missing_path_is_an_error_that_names_it() {
    let (_folder, store) = fresh_store();
    let missing = std::path::PathBuf::from("/nonexistent/candles");
    let error = import(&store, std::slice::from_ref(&missing)).err().map(|e| e.to_string());
    assert!(error.is_some_and(|message| message.contains("/nonexistent/candles")));
}
