//! Builders for test values, all through the production constructors.

use std::str::FromStr;

use market_types::Symbol;
use paper_trading::{
    Account, AccountId, FeeBps, LegDraft, Mark, Marks, PaperTrade, Price, StartingCash, TradePlan, TradePlanDraft,
};
use rust_decimal::Decimal;

pub type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// 2024-01-01 00:00:00 UTC.
pub const OPEN_TIME_MS: i64 = 1_704_067_200_000;
/// One day later.
pub const CLOSE_TIME_MS: i64 = OPEN_TIME_MS + 86_400_000;

/// A decimal from text; test constants only.
pub fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_else(|error| panic!("bad test decimal {text:?}: {error}"))
}

pub fn symbol(name: &str) -> Symbol {
    Symbol::parse(name).unwrap_or_else(|error| panic!("bad test symbol {name:?}: {error}"))
}

pub fn fee_bps(text: &str) -> FeeBps {
    FeeBps::parse(text).unwrap_or_else(|error| panic!("bad test fee {text:?}: {error}"))
}

/// A leg draft: symbol, side, quantity, planned entry price.
pub fn leg(symbol: &str, side: &str, quantity: &str, entry_price: &str) -> LegDraft {
    LegDraft {
        symbol: symbol.to_owned(),
        side: side.to_owned(),
        planned_quantity: quantity.to_owned(),
        planned_entry_price: entry_price.to_owned(),
        stop_price: None,
        target_price: None,
    }
}

/// A plan draft of the default account with the given type and legs.
pub fn draft(trade_type: &str, legs: Vec<LegDraft>) -> TradePlanDraft {
    TradePlanDraft {
        account_id: None,
        trade_type: trade_type.to_owned(),
        strategy_tag: "test".to_owned(),
        thesis: "a thesis".to_owned(),
        invalidation: "an invalidation".to_owned(),
        max_risk_amount: None,
        legs,
    }
}

pub fn plan(draft: &TradePlanDraft) -> TestResult<TradePlan> {
    Ok(TradePlan::from_draft(draft)?)
}

/// Given marks from (symbol, price) pairs.
pub fn marks(prices: &[(&str, &str)]) -> TestResult<Marks> {
    prices.iter().map(|(name, price)| Ok((symbol(name), Mark::given(Price::parse(price)?)))).collect()
}

/// The default account with the default 100,000 starting cash.
pub fn default_account() -> Account {
    Account::new(AccountId::default(), StartingCash::default())
}

/// Opens a trade at `open_prices` and closes it at `close_prices`, both at `fee`,
/// applying the fills to `account`.
pub fn open_and_close(
    trade: &mut PaperTrade,
    account: &mut Account,
    open_prices: &[(&str, &str)],
    close_prices: &[(&str, &str)],
    fee: &str,
) -> TestResult {
    let fills = trade.paper_open(&marks(open_prices)?, fee_bps(fee), OPEN_TIME_MS)?.to_vec();
    account.apply_fills(&fills)?;
    let fills = trade.paper_close(&marks(close_prices)?, fee_bps(fee), CLOSE_TIME_MS)?.to_vec();
    account.apply_fills(&fills)?;
    Ok(())
}
