//! Property tests over random sequences of plan actions (create, paper-open,
//! paper-close, cancel) across several plans and symbols, against a model: statuses
//! follow the state machine and nothing else, refused actions change nothing, and the
//! account's ledger balances exactly after every step.

use std::collections::BTreeMap;

use market_types::Symbol;
use paper_trading::{
    Account, ExecutionError, FeeBps, LegDraft, Mark, Marks, PaperTrade, PlanStatus, PnlError, Price, TradePlan,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::fixtures::*;

const SYMBOLS: [&str; 4] = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "DOGEUSDT"];

#[derive(Debug, Clone)]
enum Action {
    /// Creates a plan of the given type over these distinct symbols (sides and sizes).
    Create {
        trade_type: &'static str,
        legs: Vec<(usize, bool, Decimal)>,
    },
    Open {
        plan: usize,
        prices: [Decimal; 4],
        fee_bps: Decimal,
        unmarked_symbol: Option<usize>,
    },
    Close {
        plan: usize,
        prices: [Decimal; 4],
        fee_bps: Decimal,
        unmarked_symbol: Option<usize>,
    },
    Cancel {
        plan: usize,
    },
}

/// A decimal with up to `max_digits` digits of mantissa and `min_scale..=8` decimal places.
fn decimal(max_mantissa: i64, min_scale: u32) -> impl Strategy<Value = Decimal> {
    (1..=max_mantissa, min_scale..=8_u32).prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale))
}

fn quantity() -> impl Strategy<Value = Decimal> {
    // Up to 10^4 with 4 to 8 places.
    decimal(100_000_000, 4)
}

fn prices() -> impl Strategy<Value = [Decimal; 4]> {
    // Up to 10^5 with 5 to 8 places.
    [decimal(10_000_000_000, 5), decimal(10_000_000_000, 5), decimal(10_000_000_000, 5), decimal(10_000_000_000, 5)]
}

fn fee_rate() -> impl Strategy<Value = Decimal> {
    (0..=2_000_i64, 0..=2_u32).prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale))
}

fn create() -> impl Strategy<Value = Action> {
    let distinct_symbols =
        |count: std::ops::RangeInclusive<usize>| prop::sample::subsequence((0..4).collect::<Vec<_>>(), count);
    prop_oneof![
        (distinct_symbols(1..=1), any::<bool>(), quantity()).prop_map(|(symbols, long, size)| Action::Create {
            trade_type: "single",
            legs: vec![(symbols[0], long, size)],
        }),
        (distinct_symbols(2..=2), any::<bool>(), quantity(), quantity()).prop_map(|(symbols, long, first, second)| {
            Action::Create { trade_type: "pair", legs: vec![(symbols[0], long, first), (symbols[1], !long, second)] }
        }),
        distinct_symbols(2..=4)
            .prop_flat_map(|symbols| {
                let count = symbols.len();
                (Just(symbols), prop::collection::vec((any::<bool>(), quantity()), count))
            })
            .prop_map(|(symbols, sides_and_sizes)| Action::Create {
                trade_type: "basket",
                legs: symbols
                    .into_iter()
                    .zip(sides_and_sizes)
                    .map(|(symbol, (long, size))| (symbol, long, size))
                    .collect(),
            }),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    // A missing mark now and then, to check that it refuses the action harmlessly.
    let unmarked = prop::option::weighted(0.1, 0..4_usize);
    prop_oneof![
        2 => create(),
        3 => (0..8_usize, prices(), fee_rate(), unmarked.clone()).prop_map(|(plan, prices, fee_bps, unmarked_symbol)| {
            Action::Open { plan, prices, fee_bps, unmarked_symbol }
        }),
        3 => (0..8_usize, prices(), fee_rate(), unmarked).prop_map(|(plan, prices, fee_bps, unmarked_symbol)| {
            Action::Close { plan, prices, fee_bps, unmarked_symbol }
        }),
        1 => (0..8_usize).prop_map(|plan| Action::Cancel { plan }),
    ]
}

fn symbol_at(index: usize) -> Symbol {
    symbol(SYMBOLS[index])
}

fn marks_at(prices: &[Decimal; 4], unmarked_symbol: Option<usize>) -> Result<Marks, TestCaseError> {
    let mut marks = Marks::new();
    for (index, price) in prices.iter().enumerate() {
        if Some(index) != unmarked_symbol {
            let price = Price::try_from(*price).map_err(|error| TestCaseError::fail(error.to_string()))?;
            marks.insert(symbol_at(index), Mark::latest_close(price));
        }
    }
    Ok(marks)
}

fn plan_of(trade_type: &str, legs: &[(usize, bool, Decimal)]) -> Result<TradePlan, TestCaseError> {
    let legs = legs
        .iter()
        .map(|(symbol, long, size)| LegDraft {
            symbol: SYMBOLS[*symbol].to_owned(),
            side: if *long { "long" } else { "short" }.to_owned(),
            planned_quantity: size.to_string(),
            planned_entry_price: "100".to_owned(),
            stop_price: None,
            target_price: None,
        })
        .collect();
    TradePlan::from_draft(&draft(trade_type, legs)).map_err(|error| TestCaseError::fail(error.to_string()))
}

/// The model of the state machine, written independently of the crate's.
fn model_after(status: PlanStatus, action: &Action) -> Option<PlanStatus> {
    match (status, action) {
        (PlanStatus::Planned, Action::Open { .. }) => Some(PlanStatus::Open),
        (PlanStatus::Open, Action::Close { .. }) => Some(PlanStatus::Closed),
        (PlanStatus::Planned, Action::Cancel { .. }) => Some(PlanStatus::Cancelled),
        _ => None,
    }
}

fn fail(error: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(error.to_string())
}

/// Checks everything that must hold between the trades and the account after a step.
fn check_invariants(trades: &[PaperTrade], account: &Account, valuation_marks: &Marks) -> Result<(), TestCaseError> {
    // The ledger identity, exactly.
    prop_assert_eq!(account.ledger_difference(), Ok(Decimal::ZERO));

    // Every trade's fills fit its status (rebuilding from the parts succeeds).
    for trade in trades {
        let rebuilt = PaperTrade::restore(trade.plan().clone(), trade.status(), trade.fills().cloned().collect());
        prop_assert_eq!(rebuilt.as_ref(), Ok(trade));
    }

    // Each symbol's net quantity is the sum over open trades of their legs' signed sizes.
    let mut expected_quantities: BTreeMap<Symbol, Decimal> = BTreeMap::new();
    for trade in trades.iter().filter(|trade| trade.status() == PlanStatus::Open) {
        for leg in trade.plan().legs() {
            *expected_quantities.entry(leg.symbol.clone()).or_default() +=
                leg.side.sign() * leg.planned_quantity.value();
        }
    }
    for position in account.positions() {
        let expected = expected_quantities.get(position.symbol()).copied().unwrap_or_default();
        prop_assert_eq!(position.quantity(), expected, "{}", position.symbol());
    }

    // Fees paid are the fees of every fill of every trade.
    let mut fees = Decimal::ZERO;
    for trade in trades {
        fees += trade.fees_paid().map_err(fail)?;
    }
    prop_assert_eq!(account.fees_paid(), fees);

    // Equity minus starting cash is the sum of the plans' net P&L (realized for closed
    // plans, unrealized at the same marks for open ones), exactly.
    let equity = account.valuation(valuation_marks).map_err(fail)?.equity;
    let mut net_pnl = Decimal::ZERO;
    for trade in trades {
        match trade.pnl(valuation_marks) {
            Ok(pnl) => net_pnl += pnl.net_pnl,
            Err(PnlError::NeverOpened { .. }) => {}
            Err(error) => return Err(fail(error)),
        }
    }
    prop_assert_eq!(equity - account.starting_cash().value(), net_pnl);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn random_action_sequences_keep_every_invariant(
        actions in prop::collection::vec(action(), 1..48),
        valuation_prices in prices(),
    ) {
        let valuation_marks = marks_at(&valuation_prices, None)?;
        let mut trades: Vec<PaperTrade> = Vec::new();
        let mut account = default_account();
        for action in &actions {
            if let Action::Create { trade_type, legs } = action {
                let trade = PaperTrade::new(plan_of(trade_type, legs)?);
                prop_assert_eq!(trade.status(), PlanStatus::Planned);
                trades.push(trade);
                check_invariants(&trades, &account, &valuation_marks)?;
                continue;
            }
            let plan_index = match action {
                Action::Open { plan, .. } | Action::Close { plan, .. } | Action::Cancel { plan } => *plan,
                Action::Create { .. } => continue,
            };
            if trades.is_empty() {
                continue;
            }
            let count = trades.len();
            let trade = &mut trades[plan_index % count];
            let before_trade = trade.clone();
            let before_account = account.clone();
            let expected = model_after(trade.status(), action);
            let outcome = match action {
                Action::Open { prices, fee_bps, unmarked_symbol, .. } | Action::Close { prices, fee_bps, unmarked_symbol, .. } => {
                    let marks = marks_at(prices, *unmarked_symbol)?;
                    let fee_bps = FeeBps::try_from(*fee_bps).map_err(fail)?;
                    let lacks_mark = unmarked_symbol.is_some_and(|index| trade.plan().symbols().any(|symbol| *symbol == symbol_at(index)));
                    let result = if matches!(action, Action::Open { .. }) {
                        trade.paper_open(&marks, fee_bps, OPEN_TIME_MS).map(<[_]>::to_vec)
                    } else {
                        trade.paper_close(&marks, fee_bps, CLOSE_TIME_MS).map(<[_]>::to_vec)
                    };
                    match (&result, expected) {
                        (Ok(fills), Some(_)) => {
                            prop_assert!(!lacks_mark, "filled a leg without a mark");
                            prop_assert_eq!(fills.len(), trade.plan().legs().len());
                            account.apply_fills(fills).map_err(fail)?;
                        }
                        (Err(ExecutionError::MissingMarks(_)), Some(_)) => prop_assert!(lacks_mark),
                        (Err(ExecutionError::InvalidTransition(_)), None) => {}
                        (other, expected) => return Err(fail(format!("{other:?} where the model expects {expected:?}"))),
                    }
                    result.is_ok()
                }
                Action::Cancel { .. } => {
                    let result = trade.cancel();
                    prop_assert_eq!(result.is_ok(), expected.is_some());
                    result.is_ok()
                }
                Action::Create { .. } => continue,
            };
            if outcome {
                prop_assert_eq!(Some(trade.status()), expected);
            } else {
                prop_assert_eq!(&*trade, &before_trade, "a refused action changed the trade");
                prop_assert_eq!(&account, &before_account, "a refused action changed the account");
            }
            check_invariants(&trades, &account, &valuation_marks)?;
        }
        // Replaying every fill trade by trade (a different order) gives the same cash and
        // quantities, and the account survives storage.
        let replayed = Account::replay(account.id().clone(), account.starting_cash(), trades.iter().flat_map(PaperTrade::fills))
            .map_err(fail)?;
        prop_assert_eq!(replayed.positions().map(|p| (p.symbol().clone(), p.quantity())).collect::<Vec<_>>(),
            account.positions().map(|p| (p.symbol().clone(), p.quantity())).collect::<Vec<_>>());
        prop_assert_eq!(replayed.cash(), account.cash());
        prop_assert_eq!(replayed.ledger_difference(), Ok(Decimal::ZERO));
        let json = serde_json::to_string(&account).map_err(fail)?;
        prop_assert_eq!(serde_json::from_str::<Account>(&json).map_err(fail)?, account);
    }
}
