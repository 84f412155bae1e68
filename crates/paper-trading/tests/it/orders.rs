//! Order requests: validation of every field, the fingerprint for idempotent retries,
//! and the cancel transition.

use paper_trading::{
    FillSide, InvalidOrderTransition, Order, OrderError, OrderRequest, OrderRequestDraft, OrderStatus, OrderType,
};

use crate::fixtures::*;

fn order_draft(side: &str, quantity: &str, order_type: &str, limit_price: Option<&str>) -> OrderRequestDraft {
    OrderRequestDraft {
        symbol: "BTCUSDT".to_owned(),
        side: side.to_owned(),
        quantity: quantity.to_owned(),
        order_type: order_type.to_owned(),
        limit_price: limit_price.map(str::to_owned),
    }
}

#[test]
fn accepts_market_and_limit_orders() -> TestResult {
    let market = OrderRequest::from_draft(&order_draft("buy", "0.5", "market", None))?;
    assert_eq!((market.side(), market.order_type(), market.limit_price()), (FillSide::Buy, OrderType::Market, None));
    assert_eq!(market.quantity().value(), d("0.5"));
    let limit = OrderRequest::from_draft(&order_draft("SELL", "2", "limit", Some("61000.5")))?;
    assert_eq!(limit.order_type(), OrderType::Limit);
    assert_eq!(limit.limit_price().map(|price| price.value()), Some(d("61000.5")));
    assert_eq!(limit.symbol(), &symbol("BTCUSDT"));
    Ok(())
}

#[test]
fn refuses_bad_requests_naming_the_field() {
    let cases = [
        (OrderRequestDraft { symbol: "BTC/USDT".to_owned(), ..order_draft("buy", "1", "market", None) }, "symbol"),
        (order_draft("long", "1", "market", None), "side"),
        (order_draft("buy", "0", "market", None), "quantity"),
        (order_draft("buy", "-1", "market", None), "quantity"),
        (order_draft("buy", "x", "market", None), "quantity"),
        (order_draft("buy", "1", "stop", None), "type"),
        (order_draft("buy", "1", "limit", Some("0")), "limit_price"),
        (order_draft("buy", "1", "limit", Some("cheap")), "limit_price"),
    ];
    for (draft, field) in cases {
        let error = OrderRequest::from_draft(&draft).map(|request| request.fingerprint());
        assert!(matches!(&error, Err(OrderError::InvalidField { field: named, .. }) if *named == field), "{error:?}");
    }
    assert_eq!(
        OrderRequest::from_draft(&order_draft("buy", "1", "limit", None)).map(|_| ()),
        Err(OrderError::LimitPriceRequired)
    );
    let priced_market = OrderRequest::from_draft(&order_draft("buy", "1", "market", Some("60000"))).map(|_| ());
    assert_eq!(priced_market, Err(OrderError::LimitPriceNotAllowed));
    assert_eq!(OrderError::LimitPriceNotAllowed.field(), "limit_price");
    assert_eq!(OrderError::LimitPriceRequired.to_string(), "limit_price: a limit order needs a limit price");
}

#[test]
fn the_fingerprint_ignores_spelling_and_sees_every_field() -> TestResult {
    let fingerprint = |draft: &OrderRequestDraft| OrderRequest::from_draft(draft).map(|request| request.fingerprint());
    let base = fingerprint(&order_draft("buy", "0.5", "limit", Some("60000")))?;
    assert_eq!(base, "order-request/v1;symbol=BTCUSDT;side=buy;quantity=0.5;type=limit;limit_price=60000");
    let respelled =
        OrderRequestDraft { symbol: " btcusdt ".to_owned(), ..order_draft("Buy", "0.50", " LIMIT", Some("6e4")) };
    assert_eq!(fingerprint(&respelled)?, base);
    // The same body read from JSON in another field order, with numbers, is the same.
    let from_json: OrderRequestDraft = serde_json::from_str(
        r#"{"limit_price": 60000.0, "type": "limit", "quantity": 0.5, "side": "buy", "symbol": "BTCUSDT"}"#,
    )?;
    assert_eq!(fingerprint(&from_json)?, base);

    let different = [
        OrderRequestDraft { symbol: "ETHUSDT".to_owned(), ..order_draft("buy", "0.5", "limit", Some("60000")) },
        order_draft("sell", "0.5", "limit", Some("60000")),
        order_draft("buy", "0.51", "limit", Some("60000")),
        order_draft("buy", "0.5", "limit", Some("60000.01")),
        order_draft("buy", "0.5", "market", None),
    ];
    for draft in different {
        assert_ne!(fingerprint(&draft)?, base, "{draft:?}");
    }
    assert_eq!(
        fingerprint(&order_draft("buy", "0.5", "market", None))?,
        "order-request/v1;symbol=BTCUSDT;side=buy;quantity=0.5;type=market;limit_price=none"
    );
    Ok(())
}

#[test]
fn an_order_cancels_once() -> TestResult {
    let mut order = Order::accept(OrderRequest::from_draft(&order_draft("buy", "1", "market", None))?);
    assert_eq!(order.status(), OrderStatus::Accepted);
    order.cancel()?;
    assert_eq!(order.status(), OrderStatus::Cancelled);
    let before = order.clone();
    assert_eq!(order.cancel(), Err(InvalidOrderTransition { from: OrderStatus::Cancelled }));
    assert_eq!(order, before);
    assert_eq!(OrderStatus::Accepted.after_cancel(), Ok(OrderStatus::Cancelled));
    assert_eq!(OrderStatus::parse("cancelled").map(OrderStatus::as_str), Ok("cancelled"));
    Ok(())
}

#[test]
fn round_trips_orders_through_json() -> TestResult {
    let order = Order::restore(
        OrderRequest::from_draft(&order_draft("sell", "3", "limit", Some("2999.99")))?,
        OrderStatus::Cancelled,
    );
    let json = serde_json::to_string(&order)?;
    assert_eq!(
        json,
        r#"{"request":{"symbol":"BTCUSDT","side":"sell","quantity":"3","type":"limit","limit_price":"2999.99"},"status":"cancelled"}"#
    );
    assert_eq!(serde_json::from_str::<Order>(&json)?, order);
    let broken = json.replace(r#""type":"limit""#, r#""type":"market""#);
    assert!(serde_json::from_str::<Order>(&broken).is_err());
    Ok(())
}
