//! Mark prices: the price each symbol is filled or valued at, and where it came from.

use std::collections::BTreeMap;

use market_types::Symbol;

use crate::Price;

/// Where a mark price came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkSource {
    /// Given by the caller with the request.
    Given,
    /// The latest candle close in the market data, looked up by the caller.
    LatestClose,
}

impl MarkSource {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Given => "given",
            Self::LatestClose => "latest_close",
        }
    }
}

/// A price for one symbol and its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Mark {
    pub price: Price,
    pub source: MarkSource,
}

impl Mark {
    pub fn given(price: Price) -> Self {
        Self { price, source: MarkSource::Given }
    }

    pub fn latest_close(price: Price) -> Self {
        Self { price, source: MarkSource::LatestClose }
    }
}

/// Marks by symbol. The caller builds them: the prices given with the request first,
/// then the latest close for every symbol still without one. Symbols nobody asks
/// about are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Marks(BTreeMap<Symbol, Mark>);

impl Marks {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the mark of `symbol`, replacing an earlier one.
    pub fn insert(&mut self, symbol: Symbol, mark: Mark) {
        self.0.insert(symbol, mark);
    }

    /// Sets the mark of `symbol` only when it has none yet; for filling the gaps left
    /// by the given prices with latest closes.
    pub fn insert_if_missing(&mut self, symbol: Symbol, mark: Mark) {
        self.0.entry(symbol).or_insert(mark);
    }

    pub fn get(&self, symbol: &Symbol) -> Option<Mark> {
        self.0.get(symbol).copied()
    }

    pub fn contains(&self, symbol: &Symbol) -> bool {
        self.0.contains_key(symbol)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Symbol, Mark)> {
        self.0.iter().map(|(symbol, mark)| (symbol, *mark))
    }

    /// Those of `symbols` without a mark, in the order given.
    pub fn missing<'a>(&self, symbols: impl IntoIterator<Item = &'a Symbol>) -> Vec<Symbol> {
        symbols.into_iter().filter(|symbol| !self.contains(symbol)).cloned().collect()
    }
}

impl FromIterator<(Symbol, Mark)> for Marks {
    fn from_iter<I: IntoIterator<Item = (Symbol, Mark)>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

/// Symbols that needed a mark and had none. The caller resolves latest closes, so this
/// means a symbol without candles (or a caller bug).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no mark price for {}", display_symbols(.symbols))]
pub struct MissingMarks {
    pub symbols: Vec<Symbol>,
}

fn display_symbols(symbols: &[Symbol]) -> String {
    symbols.iter().map(Symbol::as_str).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_marks_win_over_latest_closes() -> Result<(), Box<dyn std::error::Error>> {
        let btc = Symbol::parse("BTCUSDT")?;
        let eth = Symbol::parse("ETHUSDT")?;
        let sol = Symbol::parse("SOLUSDT")?;
        let mut marks = Marks::new();
        marks.insert(btc.clone(), Mark::given(Price::parse("60000")?));
        marks.insert_if_missing(btc.clone(), Mark::latest_close(Price::parse("59000")?));
        marks.insert_if_missing(eth.clone(), Mark::latest_close(Price::parse("3000")?));
        assert_eq!(marks.get(&btc), Some(Mark::given(Price::parse("60000")?)));
        assert_eq!(marks.get(&eth).map(|mark| mark.source), Some(MarkSource::LatestClose));
        assert_eq!(marks.missing([&sol, &btc]), vec![sol.clone()]);
        let error = MissingMarks { symbols: vec![sol, eth] };
        assert_eq!(error.to_string(), "no mark price for SOLUSDT, ETHUSDT");
        Ok(())
    }
}
