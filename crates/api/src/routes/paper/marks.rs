//! Mark prices: the ones a request gives, and the latest closes of the market data for
//! the rest; and the check that symbols exist in the market data.
//!
//! The latest close of a symbol is the close of the most recent candle of any interval
//! stored for it: the interval whose coverage ends last (on a tie, the longest interval,
//! whose candle closes at the same instant). With only daily files imported, that is the
//! latest daily close. A fill or valuation priced that way records `latest_close` as its
//! mark source.

use std::collections::{BTreeMap, HashMap};

use market_data::{MarketData, MarketDataError, SymbolFilter, SymbolInfo};
use market_types::Symbol;
use paper_trading::{Mark, Marks, PaperTradingError, Price};

use super::decimal_input::DecimalInput;
use crate::error::ApiError;

/// Marks given in a body's `mark_prices` object (`{"BTCUSDT": "60000"}`).
pub fn from_body(prices: &BTreeMap<String, DecimalInput>) -> Result<Marks, ApiError> {
    prices.iter().map(|(symbol, price)| given_mark(symbol, price.as_str(), "mark_prices")).collect()
}

/// Marks given as a `marks` query parameter: `SYMBOL:PRICE` pairs separated by commas,
/// e.g. `BTCUSDT:61000,ETHUSDT:3100.5`.
pub fn from_query(raw: Option<&str>) -> Result<Marks, ApiError> {
    let Some(raw) = raw.filter(|raw| !raw.trim().is_empty()) else {
        return Ok(Marks::new());
    };
    let mut marks = Marks::new();
    for pair in raw.split(',') {
        let Some((symbol, price)) = pair.split_once(':') else {
            return Err(ApiError::bad_request(
                "invalid_input",
                format!("marks: expected SYMBOL:PRICE pairs separated by commas, got {pair:?}"),
            )
            .with_field("marks"));
        };
        let (symbol, mark) = given_mark(symbol, price, "marks")?;
        if marks.contains(&symbol) {
            return Err(ApiError::bad_request("invalid_input", format!("marks: {symbol} is given twice"))
                .with_field(format!("marks.{symbol}")));
        }
        marks.insert(symbol, mark);
    }
    Ok(marks)
}

fn given_mark(raw_symbol: &str, raw_price: &str, field: &str) -> Result<(Symbol, Mark), ApiError> {
    let field = format!("{field}.{}", raw_symbol.trim());
    let symbol = Symbol::parse(raw_symbol).map_err(|error| {
        ApiError::bad_request("invalid_symbol", format!("{field}: {error}")).with_field(field.clone())
    })?;
    let price =
        Price::parse(raw_price).map_err(|error| ApiError::from(PaperTradingError::from(error)).with_field(field))?;
    Ok((symbol, Mark::given(price)))
}

/// Every symbol of the market data, with its coverage.
pub fn known_symbols(market: &MarketData) -> Result<HashMap<Symbol, SymbolInfo>, MarketDataError> {
    Ok(market.symbols(&SymbolFilter::default())?.into_iter().map(|info| (info.symbol.clone(), info)).collect())
}

/// 404 `unknown_symbol` (with the field) for the first symbol the market data lacks.
pub fn require_known<'a>(
    market: &MarketData,
    symbols: impl IntoIterator<Item = (String, &'a Symbol)>,
) -> Result<(), ApiError> {
    let known = known_symbols(market)?;
    for (field, symbol) in symbols {
        if !known.contains_key(symbol) {
            return Err(ApiError::from(MarketDataError::UnknownSymbol(symbol.clone())).with_field(field));
        }
    }
    Ok(())
}

/// The marks for `symbols`: the given one where there is one, the latest close for the
/// others (a symbol without candles stays without a mark, which the domain refuses as
/// `missing_mark`). A given mark for a symbol outside `symbols` is refused: it is most
/// likely a typo that would otherwise fill at the latest close unnoticed. `field` and
/// `owner` word that error (`mark_prices`, "a leg of this plan").
pub fn resolve<'a>(
    market: &MarketData,
    symbols: impl IntoIterator<Item = &'a Symbol>,
    given: Marks,
    field: &str,
    owner: &str,
) -> Result<Marks, ApiError> {
    let symbols: Vec<&Symbol> = symbols.into_iter().collect();
    if let Some((extra, _)) = given.iter().find(|(symbol, _)| !symbols.contains(symbol)) {
        let field = format!("{field}.{extra}");
        return Err(
            ApiError::bad_request("invalid_input", format!("{field}: {extra} is not {owner}")).with_field(field)
        );
    }
    let missing = given.missing(symbols.iter().copied());
    let mut marks = given;
    if missing.is_empty() {
        return Ok(marks);
    }
    let known = known_symbols(market)?;
    for symbol in missing {
        if let Some(price) = known.get(&symbol).map(|info| latest_close(market, info)).transpose()?.flatten() {
            marks.insert(symbol, Mark::latest_close(price));
        }
    }
    Ok(marks)
}

/// The close of the symbol's most recent candle, over every stored interval.
fn latest_close(market: &MarketData, info: &SymbolInfo) -> Result<Option<Price>, MarketDataError> {
    let latest = info.coverage.iter().max_by_key(|(interval, coverage)| (coverage.last_close_time_ms, *interval));
    let Some((interval, _)) = latest else {
        return Ok(None);
    };
    let series = market.series(&info.symbol, *interval)?;
    // A close the price type refuses (zero, say) is no usable mark.
    Ok(series.close.last().and_then(|&close| Price::from_close(close).ok()))
}
