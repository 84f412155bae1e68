//! Paper trading in the store: plans through their lifecycle with fills and accounts,
//! isolation between workspaces, concurrent paper-opens, idempotent orders, and restarts.

use std::str::FromStr;
use std::sync::{Arc, Barrier};

use app_state_store::{AppStateStore, IdempotencyScope, OrderCreation, StoreError, StoredResponse};
use identity::{DisplayName, Email, QuoteAsset, WorkspaceName};
use market_types::Symbol;
use paper_trading::{
    FeeBps, InvalidOrderTransition, InvalidTransition, LegDraft, Mark, MarkSource, Marks, OrderRequest,
    OrderRequestDraft, OrderStatus, PaperTradingError, PlanAction, PlanStatus, Price, StartingCash, TradePlan,
    TradePlanDraft,
};
use rust_decimal::Decimal;

use crate::{TestResult, fresh_store};

const LOCAL: &str = identity::LOCAL_WORKSPACE_ID;
const USER: &str = identity::LOCAL_USER_ID;

fn decimal(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_else(|error| panic!("{text}: {error}"))
}

fn leg(symbol: &str, side: &str, quantity: &str, price: &str) -> LegDraft {
    LegDraft {
        symbol: symbol.to_owned(),
        side: side.to_owned(),
        planned_quantity: quantity.to_owned(),
        planned_entry_price: price.to_owned(),
        ..LegDraft::default()
    }
}

fn plan(trade_type: &str, legs: Vec<LegDraft>) -> Result<TradePlan, PaperTradingError> {
    let draft = TradePlanDraft {
        trade_type: trade_type.to_owned(),
        max_risk_amount: Some("500".to_owned()),
        thesis: "mean reversion".to_owned(),
        legs,
        ..TradePlanDraft::default()
    };
    Ok(TradePlan::from_draft(&draft)?)
}

fn marks(prices: &[(&str, &str)]) -> Result<Marks, Box<dyn std::error::Error>> {
    let mut marks = Marks::new();
    for (symbol, price) in prices {
        marks.insert(Symbol::parse(symbol)?, Mark::given(Price::parse(price)?));
    }
    Ok(marks)
}

fn store_with_local_owner() -> Result<(tempfile::TempDir, AppStateStore), StoreError> {
    let (folder, store) = fresh_store();
    store.ensure_local_owner(None)?;
    Ok((folder, store))
}

fn cash() -> StartingCash {
    StartingCash::default()
}

#[test]
fn a_plan_goes_through_its_lifecycle_and_moves_its_account() -> TestResult {
    let (_folder, store) = store_with_local_owner()?;
    let single = plan("single", vec![leg("BTCUSDT", "long", "0.5", "59000")])?;
    let created = store.create_trade_plan(LOCAL, USER, &single, cash())?;
    assert_eq!(created.trade.status(), PlanStatus::Planned);
    assert_eq!(created.created_by.as_deref(), Some(USER));
    assert_eq!(store.trade_plan(LOCAL, &created.id)?, created);
    assert_eq!(store.trade_plans(LOCAL)?, vec![created.clone()]);

    // Closing or opening twice is refused with the typed transition, and changes nothing.
    let fee = FeeBps::parse("5")?;
    let closing = store.paper_close_trade_plan(LOCAL, &created.id, USER, &marks(&[("BTCUSDT", "1")])?, fee);
    assert!(
        matches!(
            closing,
            Err(StoreError::PaperTrading(PaperTradingError::InvalidTransition(InvalidTransition {
                from: PlanStatus::Planned,
                action: PlanAction::PaperClose
            })))
        ),
        "{closing:?}"
    );

    // Open at 60000 with 5 bps: notional 30000, fee 15, cash 100000 - 30015.
    let opened = store.paper_open_trade_plan(LOCAL, &created.id, USER, &marks(&[("BTCUSDT", "60000")])?, fee)?;
    assert_eq!(opened.trade.status(), PlanStatus::Open);
    assert_eq!(store.trade_plan(LOCAL, &created.id)?, opened);
    let again = store.paper_open_trade_plan(LOCAL, &created.id, USER, &marks(&[("BTCUSDT", "60000")])?, fee);
    assert!(matches!(again, Err(StoreError::PaperTrading(PaperTradingError::InvalidTransition(_)))), "{again:?}");
    let account = store.paper_account(LOCAL, "paper-main", cash())?;
    assert_eq!((account.quote_asset.as_str(), account.account.cash()), ("USDT", decimal("69985")));
    let cancel = store.cancel_trade_plan(LOCAL, &created.id);
    assert!(matches!(cancel, Err(StoreError::PaperTrading(PaperTradingError::InvalidTransition(_)))), "{cancel:?}");

    // Close at 62000: notional 31000, fee 15.5; realized 1000 gross, 969.5 net.
    let closed = store.paper_close_trade_plan(LOCAL, &created.id, USER, &marks(&[("BTCUSDT", "62000")])?, fee)?;
    assert_eq!(closed.trade.status(), PlanStatus::Closed);
    let pnl = closed.trade.pnl(&Marks::new())?;
    assert_eq!((pnl.gross_pnl, pnl.fees, pnl.net_pnl), (decimal("1000"), decimal("30.5"), decimal("969.5")));
    assert_eq!(pnl.r_multiple, Some(decimal("1.939")));

    let fills = store.trade_plan_fills(LOCAL, &created.id)?;
    let summary: Vec<_> = fills
        .iter()
        .map(|stored| (stored.fill.side().as_str(), stored.fill.price().to_string(), stored.fill.fee()))
        .collect();
    assert_eq!(summary, [("buy", "60000".to_owned(), decimal("15")), ("sell", "62000".to_owned(), decimal("15.5"))]);
    assert!(fills.iter().all(|stored| stored.fill.mark_source() == MarkSource::Given && stored.plan_id == created.id));

    let accounts = store.paper_accounts(LOCAL, cash())?;
    assert_eq!(accounts.len(), 1);
    let account = &accounts[0].account;
    assert_eq!(account.cash(), decimal("100969.5"));
    assert_eq!((account.realized_pnl_before_fees(), account.fees_paid()), (decimal("1000"), decimal("30.5")));
    assert_eq!(account.ledger_difference()?, Decimal::ZERO);
    Ok(())
}

#[test]
fn a_planned_plan_can_be_cancelled_once() -> TestResult {
    let (_folder, store) = store_with_local_owner()?;
    let pair = plan("pair", vec![leg("ETHUSDT", "long", "2", "3000"), leg("BTCUSDT", "short", "0.1", "60000")])?;
    let created = store.create_trade_plan(LOCAL, USER, &pair, cash())?;
    let cancelled = store.cancel_trade_plan(LOCAL, &created.id)?;
    assert_eq!(cancelled.trade.status(), PlanStatus::Cancelled);
    assert_eq!(store.trade_plan(LOCAL, &created.id)?.trade.status(), PlanStatus::Cancelled);
    let again = store.cancel_trade_plan(LOCAL, &created.id);
    assert!(matches!(again, Err(StoreError::PaperTrading(PaperTradingError::InvalidTransition(_)))), "{again:?}");
    let open = store.paper_open_trade_plan(LOCAL, &created.id, USER, &marks(&[])?, FeeBps::ZERO);
    assert!(matches!(open, Err(StoreError::PaperTrading(PaperTradingError::InvalidTransition(_)))), "{open:?}");
    Ok(())
}

#[test]
fn a_refused_action_writes_nothing() -> TestResult {
    let (_folder, store) = store_with_local_owner()?;
    let pair = plan("pair", vec![leg("ETHUSDT", "long", "2", "3000"), leg("BTCUSDT", "short", "0.1", "60000")])?;
    let created = store.create_trade_plan(LOCAL, USER, &pair, cash())?;
    // Only one of the two legs has a mark: the whole open is refused.
    let open = store.paper_open_trade_plan(LOCAL, &created.id, USER, &marks(&[("ETHUSDT", "3000")])?, FeeBps::ZERO);
    assert!(matches!(open, Err(StoreError::PaperTrading(PaperTradingError::MissingMarks(_)))), "{open:?}");
    assert_eq!(store.trade_plan(LOCAL, &created.id)?.trade.status(), PlanStatus::Planned);
    assert!(store.trade_plan_fills(LOCAL, &created.id)?.is_empty());
    assert_eq!(store.paper_account(LOCAL, "paper-main", cash())?.account.cash(), decimal("100000"));
    Ok(())
}

#[test]
fn plans_accounts_and_orders_stay_in_their_workspace() -> TestResult {
    let (_folder, store) = store_with_local_owner()?;
    let other_user = store.create_user(&Email::parse("other@example.com")?, &DisplayName::parse("Other")?, None)?;
    let other = store.create_workspace(&other_user.id, &WorkspaceName::parse("Other")?, &QuoteAsset::parse("btc")?)?;
    let single = plan("single", vec![leg("ETHBTC", "long", "1", "0.05")])?;
    let created = store.create_trade_plan(&other.id, &other_user.id, &single, StartingCash::parse("2")?)?;

    assert!(matches!(store.trade_plan(LOCAL, &created.id), Err(StoreError::NotFound { what: "trade plan" })));
    assert!(matches!(store.trade_plan_fills(LOCAL, &created.id), Err(StoreError::NotFound { what: "trade plan" })));
    let open = store.paper_open_trade_plan(LOCAL, &created.id, USER, &marks(&[("ETHBTC", "0.05")])?, FeeBps::ZERO);
    assert!(matches!(open, Err(StoreError::NotFound { what: "trade plan" })), "{open:?}");
    assert!(store.trade_plans(LOCAL)?.is_empty());
    assert_eq!(store.trade_plans(&other.id)?.len(), 1);

    // Each workspace has its own paper-main, in its own quote asset and starting cash.
    let theirs = store.paper_account(&other.id, "paper-main", cash())?;
    assert_eq!((theirs.quote_asset.as_str(), theirs.account.starting_cash().to_string()), ("BTC", "2".to_owned()));
    let ours = store.paper_account(LOCAL, "paper-main", cash())?;
    assert_eq!((ours.quote_asset.as_str(), ours.account.starting_cash().to_string()), ("USDT", "100000".to_owned()));
    assert!(matches!(store.paper_account(LOCAL, "swing", cash()), Err(StoreError::NotFound { what: "account" })));

    let request = order_request("ETHBTC", "buy", "1")?;
    let scope = IdempotencyScope { user_id: &other_user.id, workspace_id: &other.id, key: "k1" };
    let OrderCreation::Created { order, .. } = store.create_order_idempotently(scope, &request, render)? else {
        panic!("a new key creates an order");
    };
    assert!(matches!(store.order(LOCAL, &order.id), Err(StoreError::NotFound { what: "order" })));
    assert!(matches!(store.cancel_order(LOCAL, &order.id), Err(StoreError::NotFound { what: "order" })));
    assert!(store.orders(LOCAL)?.is_empty());
    Ok(())
}

#[test]
fn a_plan_on_an_unknown_account_is_refused() -> TestResult {
    let (_folder, store) = store_with_local_owner()?;
    let draft = TradePlanDraft {
        account_id: Some("swing".to_owned()),
        trade_type: "single".to_owned(),
        legs: vec![leg("BTCUSDT", "long", "1", "60000")],
        ..TradePlanDraft::default()
    };
    let result = store.create_trade_plan(LOCAL, USER, &TradePlan::from_draft(&draft)?, cash());
    assert!(matches!(result, Err(StoreError::NotFound { what: "account" })), "{result:?}");
    assert!(store.trade_plans(LOCAL)?.is_empty());
    Ok(())
}

#[test]
fn of_two_concurrent_paper_opens_exactly_one_succeeds() -> TestResult {
    let (_folder, store) = store_with_local_owner()?;
    for _ in 0..5 {
        let basket = plan(
            "basket",
            vec![
                leg("BTCUSDT", "long", "0.1", "60000"),
                leg("ETHUSDT", "long", "1", "3000"),
                leg("SOLUSDT", "short", "10", "150"),
            ],
        )?;
        let created = store.create_trade_plan(LOCAL, USER, &basket, cash())?;
        let marks = Arc::new(marks(&[("BTCUSDT", "60000"), ("ETHUSDT", "3000"), ("SOLUSDT", "150")])?);
        let barrier = Arc::new(Barrier::new(2));
        let threads: Vec<_> = (0..2)
            .map(|_| {
                let (store, marks, barrier, id) =
                    (store.clone(), Arc::clone(&marks), Arc::clone(&barrier), created.id.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    store.paper_open_trade_plan(LOCAL, &id, USER, &marks, FeeBps::ZERO)
                })
            })
            .collect();
        let outcomes: Vec<_> =
            threads.into_iter().map(|thread| thread.join().map_err(|_| "thread panicked")).collect::<Result<_, _>>()?;
        let successes = outcomes.iter().filter(|outcome| outcome.is_ok()).count();
        assert_eq!(successes, 1, "{outcomes:?}");
        assert!(
            outcomes.iter().any(|outcome| matches!(
                outcome,
                Err(StoreError::PaperTrading(PaperTradingError::InvalidTransition(InvalidTransition {
                    from: PlanStatus::Open,
                    action: PlanAction::PaperOpen
                })))
            )),
            "{outcomes:?}"
        );
        assert_eq!(store.trade_plan_fills(LOCAL, &created.id)?.len(), 3);
    }
    Ok(())
}

fn order_request(symbol: &str, side: &str, quantity: &str) -> Result<OrderRequest, PaperTradingError> {
    let draft = OrderRequestDraft {
        symbol: symbol.to_owned(),
        side: side.to_owned(),
        quantity: quantity.to_owned(),
        order_type: "market".to_owned(),
        limit_price: None,
    };
    Ok(OrderRequest::from_draft(&draft)?)
}

fn render(order: &app_state_store::StoredOrder) -> Result<StoredResponse, String> {
    Ok(StoredResponse { status: 201, body: format!("{{\"id\":\"{}\"}}", order.id) })
}

#[test]
fn orders_are_created_once_per_idempotency_key() -> TestResult {
    let (_folder, store) = store_with_local_owner()?;
    let request = order_request("BTCUSDT", "buy", "0.5")?;
    let scope = IdempotencyScope { user_id: USER, workspace_id: LOCAL, key: "order-1" };
    let OrderCreation::Created { order, response } = store.create_order_idempotently(scope, &request, render)? else {
        panic!("a new key creates an order");
    };
    assert_eq!(order.order.status(), OrderStatus::Accepted);
    assert_eq!(order.order.request(), &request);

    // The same request again (spelled differently) replays the stored response.
    let same = order_request("btcusdt", "BUY", "0.50")?;
    let replay = store.create_order_idempotently(scope, &same, |_| Err("must not render".to_owned()))?;
    assert_eq!(replay, OrderCreation::Replayed(response.clone()));
    // A different request under the same key is refused.
    let different = order_request("BTCUSDT", "buy", "0.6")?;
    let reused = store.create_order_idempotently(scope, &different, render);
    assert!(matches!(reused, Err(StoreError::IdempotencyKeyReused { ref key }) if key == "order-1"), "{reused:?}");
    assert_eq!(store.orders(LOCAL)?.len(), 1);

    // Keys are scoped to the user: another user's same key is a new order.
    let other_user = store.create_user(&Email::parse("trader@example.com")?, &DisplayName::parse("T")?, None)?;
    let other_scope = IdempotencyScope { user_id: &other_user.id, ..scope };
    assert!(matches!(store.create_order_idempotently(other_scope, &different, render)?, OrderCreation::Created { .. }));
    assert_eq!(store.orders(LOCAL)?.len(), 2);

    // Cancelling works once.
    let cancelled = store.cancel_order(LOCAL, &order.id)?;
    assert_eq!(cancelled.order.status(), OrderStatus::Cancelled);
    assert_eq!(store.order(LOCAL, &order.id)?.order.status(), OrderStatus::Cancelled);
    let again = store.cancel_order(LOCAL, &order.id);
    assert!(
        matches!(
            again,
            Err(StoreError::PaperTrading(PaperTradingError::InvalidOrderTransition(InvalidOrderTransition {
                from: OrderStatus::Cancelled
            })))
        ),
        "{again:?}"
    );
    Ok(())
}

#[test]
fn keys_older_than_the_retention_are_purged_and_count_as_new() -> TestResult {
    let (folder, store) = store_with_local_owner()?;
    let request = order_request("BTCUSDT", "buy", "1")?;
    let scope = IdempotencyScope { user_id: USER, workspace_id: LOCAL, key: "old" };
    store.create_order_idempotently(scope, &request, render)?;
    // Age the key past the retention with a side connection.
    let connection = rusqlite::Connection::open(folder.path().join("app_state.db"))?;
    let aged = connection.execute(
        "UPDATE idempotency_keys SET created_at = created_at - ? - 1",
        [app_state_store::IDEMPOTENCY_KEY_RETENTION_MS],
    )?;
    assert_eq!(aged, 1);
    drop(connection);
    let different = order_request("BTCUSDT", "sell", "1")?;
    assert!(matches!(store.create_order_idempotently(scope, &different, render)?, OrderCreation::Created { .. }));
    assert_eq!(store.orders(LOCAL)?.len(), 2);
    Ok(())
}

#[test]
fn a_reopened_store_keeps_plans_fills_accounts_and_orders() -> TestResult {
    let (folder, store) = store_with_local_owner()?;
    let single = plan("single", vec![leg("BTCUSDT", "short", "0.25", "60000")])?;
    let created = store.create_trade_plan(LOCAL, USER, &single, cash())?;
    let opened = store.paper_open_trade_plan(
        LOCAL,
        &created.id,
        USER,
        &marks(&[("BTCUSDT", "60000.5")])?,
        FeeBps::parse("7.5")?,
    )?;
    let scope = IdempotencyScope { user_id: USER, workspace_id: LOCAL, key: "restart" };
    let request = order_request("BTCUSDT", "sell", "0.25")?;
    store.create_order_idempotently(scope, &request, render)?;
    let (plans, fills, accounts, orders) = (
        store.trade_plans(LOCAL)?,
        store.trade_plan_fills(LOCAL, &created.id)?,
        store.paper_accounts(LOCAL, cash())?,
        store.orders(LOCAL)?,
    );
    drop(store);

    let reopened = AppStateStore::open(&folder.path().join("app_state.db"))?;
    assert_eq!(reopened.trade_plans(LOCAL)?, plans);
    assert_eq!(plans, vec![opened]);
    assert_eq!(reopened.trade_plan_fills(LOCAL, &created.id)?, fills);
    // A different default no longer matters: the account was created with the first one.
    assert_eq!(reopened.paper_accounts(LOCAL, StartingCash::parse("5")?)?, accounts);
    assert_eq!(reopened.orders(LOCAL)?, orders);
    assert!(matches!(reopened.create_order_idempotently(scope, &request, render)?, OrderCreation::Replayed(_)));
    Ok(())
}
