//! The account ledger fill by fill: averaging on increases, realized P&L on
//! reductions, flips through zero, all-or-nothing application, and stored accounts.

use paper_trading::{
    Account, AccountId, AmountOutOfRange, FeeBps, Fill, FillKind, FillSide, FillTerms, MarkSource, Position, Price,
    Quantity, StartingCash,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::fixtures::*;

fn fill(name: &str, side: FillSide, quantity: &str, price: &str, fee: &str) -> TestResult<Fill> {
    Ok(Fill::new(FillTerms {
        leg_index: 0,
        symbol: symbol(name),
        kind: FillKind::Entry,
        side,
        quantity: Quantity::parse(quantity)?,
        price: Price::parse(price)?,
        fee_bps: FeeBps::parse(fee)?,
        time_ms: OPEN_TIME_MS,
        mark_source: MarkSource::Given,
    })?)
}

fn position<'a>(account: &'a Account, name: &str) -> TestResult<&'a Position> {
    Ok(account.position(&symbol(name)).ok_or("no position")?)
}

#[test]
fn averages_on_increases_and_realizes_on_reductions() -> TestResult {
    use FillSide::*;
    let mut account = default_account();
    // Buy 1 at 100, buy 2 at 101: quantity 3, basis 302, average 100.666... (16 places).
    account.apply_fill(&fill("BTCUSDT", Buy, "1", "100", "0")?)?;
    account.apply_fill(&fill("BTCUSDT", Buy, "2", "101", "0")?)?;
    let btc = position(&account, "BTCUSDT")?;
    assert_eq!((btc.quantity(), btc.cost_basis()), (d("3"), d("302")));
    assert_eq!(btc.average_entry_price(), Some(d("100.6666666666666667")));

    // Sell 1 at 110: a third of the basis is released, 302 / 3 rounded to 16 places =
    // 100.6666666666666667; realized 110 - 100.6666666666666667 = 9.3333333333333333.
    account.apply_fill(&fill("BTCUSDT", Sell, "1", "110", "0")?)?;
    let btc = position(&account, "BTCUSDT")?;
    assert_eq!((btc.quantity(), btc.cost_basis()), (d("2"), d("201.3333333333333333")));
    assert_eq!(btc.realized_pnl_before_fees(), d("9.3333333333333333"));

    // Sell the other 2 at 110: the whole remaining basis is released, so the total
    // realized is exactly 330 - 302 = 28 and the rounding is gone.
    account.apply_fill(&fill("BTCUSDT", Sell, "2", "110", "0")?)?;
    let btc = position(&account, "BTCUSDT")?;
    assert!(btc.is_flat());
    assert_eq!((btc.cost_basis(), btc.realized_pnl_before_fees()), (Decimal::ZERO, d("28")));
    assert_eq!(btc.average_entry_price(), None);
    assert_eq!(account.cash(), d("100028"));
    assert_eq!(account.ledger_difference()?, Decimal::ZERO);
    Ok(())
}

#[test]
fn flips_through_zero() -> TestResult {
    use FillSide::*;
    let mut account = default_account();
    // Short 1 at 100 (basis -100), then buy 3 at 90: the short closes, realizing
    // 100 - 90 = 10, and the other 2 open a long at 90 (basis 180).
    account.apply_fill(&fill("ETHUSDT", Sell, "1", "100", "10")?)?;
    account.apply_fill(&fill("ETHUSDT", Buy, "3", "90", "10")?)?;
    let eth = position(&account, "ETHUSDT")?;
    assert_eq!((eth.quantity(), eth.cost_basis(), eth.average_entry_price()), (d("2"), d("180"), Some(d("90"))));
    assert_eq!(eth.realized_pnl_before_fees(), d("10"));
    // Fees: 100 x 10 / 10000 = 0.1 and 270 x 10 / 10000 = 0.27.
    assert_eq!(eth.fees_paid(), d("0.37"));
    // Cash: 100000 + 100 - 0.1 - 270 - 0.27 = 99829.63.
    assert_eq!(account.cash(), d("99829.63"));
    assert_eq!(account.ledger_difference()?, Decimal::ZERO);

    // And back: sell 5 at 95 closes the long (realizing 2 x 5 = 10) and opens a short of 3 at 95.
    account.apply_fill(&fill("ETHUSDT", Sell, "5", "95", "0")?)?;
    let eth = position(&account, "ETHUSDT")?;
    assert_eq!((eth.quantity(), eth.cost_basis(), eth.average_entry_price()), (d("-3"), d("-285"), Some(d("95"))));
    assert_eq!(eth.realized_pnl_before_fees(), d("20"));
    assert_eq!(eth.unrealized_pnl(Price::parse("90")?)?, d("15"));
    assert_eq!(account.ledger_difference()?, Decimal::ZERO);
    Ok(())
}

#[test]
fn applies_fills_all_or_nothing() -> TestResult {
    let mut account = default_account();
    account.apply_fill(&fill("SOLUSDT", FillSide::Buy, "1", "100", "5")?)?;
    let before = account.clone();
    // The first fill makes cash about -10^24; adding the second's 10^-16 would need more
    // than 28 significant digits, so the batch is refused and nothing changes.
    let huge = fill("BTCUSDT", FillSide::Buy, "1000000000000", "1000000000000", "0")?;
    let tiny = fill("ETHUSDT", FillSide::Buy, "0.00000001", "0.00000001", "0")?;
    assert_eq!(account.apply_fills([&huge, &tiny]), Err(AmountOutOfRange));
    assert_eq!(account, before);
    Ok(())
}

#[test]
fn a_fill_too_large_to_hold_exactly_is_refused() -> TestResult {
    let terms = FillTerms {
        leg_index: 0,
        symbol: symbol("BTCUSDT"),
        kind: FillKind::Entry,
        side: FillSide::Buy,
        quantity: Quantity::parse("999999999999.99999999")?,
        price: Price::parse("999999999999.99999999")?,
        fee_bps: FeeBps::ZERO,
        time_ms: OPEN_TIME_MS,
        mark_source: MarkSource::Given,
    };
    assert_eq!(Fill::new(terms), Err(AmountOutOfRange));
    Ok(())
}

#[test]
fn round_trips_an_account_and_refuses_one_that_does_not_balance() -> TestResult {
    let mut account = Account::new(AccountId::parse("swing")?, StartingCash::parse("2500.5")?);
    account.apply_fill(&fill("BTCUSDT", FillSide::Buy, "0.01", "60000", "5")?)?;
    account.apply_fill(&fill("ETHUSDT", FillSide::Sell, "1", "3000", "5")?)?;
    account.apply_fill(&fill("BTCUSDT", FillSide::Sell, "0.004", "61000", "5")?)?;
    let json = serde_json::to_string(&account)?;
    assert_eq!(serde_json::from_str::<Account>(&json)?, account);

    let cash = account.cash().to_string();
    let more_cash = json.replace(&format!(r#""cash":"{cash}""#), r#""cash":"999999""#);
    assert_ne!(more_cash, json);
    assert!(serde_json::from_str::<Account>(&more_cash).is_err());
    let short_basis = json.replace(r#""cost_basis":"-3000""#, r#""cost_basis":"3000""#);
    assert_ne!(short_basis, json);
    assert!(serde_json::from_str::<Account>(&short_basis).is_err());
    Ok(())
}

/// A random fill on one of three symbols: quantities up to 10^4 and prices up to 10^5,
/// each with 4 or 5 to 8 decimal places, fee rates up to 1000 bps with up to 2 places.
fn any_fill() -> impl Strategy<Value = Fill> {
    (
        0..3_usize,
        any::<bool>(),
        1..=100_000_000_i64,
        4..=8_u32,
        1..=10_000_000_000_i64,
        5..=8_u32,
        0..=1000_i64,
        0..=2_u32,
    )
        .prop_filter_map(
            "in range",
            |(symbol_index, buy, quantity, quantity_scale, price, price_scale, fee, fee_scale)| {
                Fill::new(FillTerms {
                    leg_index: 0,
                    symbol: symbol(["BTCUSDT", "ETHUSDT", "DOGEUSDT"][symbol_index]),
                    kind: FillKind::Entry,
                    side: if buy { FillSide::Buy } else { FillSide::Sell },
                    quantity: Quantity::try_from(Decimal::new(quantity, quantity_scale)).ok()?,
                    price: Price::try_from(Decimal::new(price, price_scale)).ok()?,
                    fee_bps: FeeBps::try_from(Decimal::new(fee, fee_scale)).ok()?,
                    time_ms: OPEN_TIME_MS,
                    mark_source: MarkSource::Given,
                })
                .ok()
            },
        )
}

proptest! {
    /// Any fills, in any order, keep the ledger balanced to the last digit, and each
    /// position's quantity is the signed sum of its fills.
    #[test]
    fn any_fills_keep_the_ledger_balanced(fills in prop::collection::vec(any_fill(), 1..40)) {
        let mut account = default_account();
        for fill in &fills {
            account.apply_fill(fill).map_err(|error| TestCaseError::fail(error.to_string()))?;
            prop_assert_eq!(account.ledger_difference(), Ok(Decimal::ZERO));
        }
        for position in account.positions() {
            let signed_sum: Decimal =
                fills.iter().filter(|fill| fill.symbol() == position.symbol()).map(Fill::signed_quantity).sum();
            prop_assert_eq!(position.quantity(), signed_sum);
            // The rounded average entry price times the quantity is within half a unit of
            // the 16th place per unit of quantity of the exact cost basis.
            if let Some(average) = position.average_entry_price() {
                let difference = (average * position.quantity() - position.cost_basis()).abs();
                prop_assert!(difference <= position.quantity().abs() * Decimal::new(5, 17), "{difference}");
            }
        }
        let fees: Decimal = fills.iter().map(Fill::fee).sum();
        prop_assert_eq!(account.fees_paid(), fees);
        let cash_changes: Vec<Decimal> = fills.iter().map(|fill| fill.cash_change()).collect::<Result<_, _>>()
            .map_err(|error| TestCaseError::fail(error.to_string()))?;
        prop_assert_eq!(account.cash(), StartingCash::default().value() + cash_changes.iter().sum::<Decimal>());
    }
}
