//! Importing candle files: finding them, reading them in parallel, merging them with
//! what is stored, and the report of what happened.
//!
//! The write itself happens in one transaction in [`crate::MarketData::import`].

mod file_name;
mod merge;
mod parse;
mod read;

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use market_types::{Interval, Symbol};

use crate::coverage::Coverage;
use crate::error::{MarketDataError, Result};

pub(crate) use merge::SeriesMerge;
pub(crate) use parse::FileProblem;
pub(crate) use read::{ReadFile, read_file};

/// What the caller may say instead of the file names.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The symbol of every file, overriding the file names.
    pub symbol: Option<Symbol>,
    /// The interval of every file, overriding the file names.
    pub interval: Option<Interval>,
}

/// Hears about an import as it goes, e.g. to draw a progress bar.
pub trait ImportObserver {
    fn files_found(&mut self, _count: usize) {}
    fn file_read(&mut self, _path: &Path) {}
    fn writing(&mut self, _candles: usize) {}
}

/// An observer that ignores everything.
#[derive(Debug, Default)]
pub struct Silent;

impl ImportObserver for Silent {}

/// What one import did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    pub files_read: usize,
    pub series: Vec<SeriesImportSummary>,
    pub rejected: Vec<RejectedFile>,
}

impl ImportReport {
    pub fn inserted(&self) -> usize {
        self.series.iter().map(|series| series.inserted).sum()
    }
}

/// What one import did to one series.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesImportSummary {
    pub symbol: Symbol,
    pub interval: Interval,
    pub files: usize,
    pub inserted: usize,
    pub unchanged: usize,
    pub coverage: Coverage,
}

/// A file that was refused whole, with the reason and where in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedFile {
    pub path: PathBuf,
    /// "line 12", "BTCUSDT-1d-2024-01.csv line 12" or "candle 3 of the array".
    pub location: Option<String>,
    pub reason: String,
}

impl RejectedFile {
    pub(crate) fn new(path: &Path, problem: FileProblem) -> Self {
        Self { path: path.to_owned(), location: problem.location.map(|l| l.to_string()), reason: problem.reason }
    }
}

impl std::fmt::Display for RejectedFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(location) = &self.location {
            write!(f, ", {location}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// Lists the candle files under the given paths: files as they are, directories
/// recursively (only `.csv`, `.zip` and `.json`, hidden entries skipped), sorted.
pub fn discover_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|source| MarketDataError::Io { path: path.clone(), source })?;
        if !metadata.is_dir() {
            files.push(path.clone());
            continue;
        }
        for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
            let entry = entry.map_err(|error| MarketDataError::Io {
                path: error.path().unwrap_or(path).to_owned(),
                source: error.into(),
            })?;
            let hidden = entry.file_name().to_str().is_some_and(|name| name.starts_with('.'));
            if entry.file_type().is_file() && !hidden && file_name::format_of(entry.path()).is_some() {
                files.push(entry.into_path());
            }
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// Reads the files on all cores; results come back in the order of `files`.
pub(crate) fn read_files(
    files: &[PathBuf],
    options: &ImportOptions,
    observer: &mut dyn ImportObserver,
) -> Vec<std::result::Result<ReadFile, FileProblem>> {
    let workers = std::thread::available_parallelism().map_or(1, usize::from).min(files.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel();
    let mut results: Vec<Option<std::result::Result<ReadFile, FileProblem>>> = files.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(path) = files.get(index) else { break };
                    if sender.send((index, read_file(path, options))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for (index, result) in receiver {
            observer.file_read(&files[index]);
            results[index] = Some(result);
        }
    });
    results
        .into_iter()
        .map(|result| result.unwrap_or_else(|| Err(FileProblem::whole_file("the file reader stopped unexpectedly"))))
        .collect()
}
