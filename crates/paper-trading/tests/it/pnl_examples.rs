//! Hand-worked P&L of single, pair and basket plans, long and short, with fees, and
//! what the same trades do to the account. The arithmetic is written out above each
//! assertion.

use paper_trading::{Account, MarkSource, Marks, PaperTrade, PlanPnl, PnlKind, Price, TradePlanDraft};
use rust_decimal::Decimal;

use crate::fixtures::*;

fn with_risk(mut draft: TradePlanDraft, max_risk_amount: &str) -> TradePlanDraft {
    draft.max_risk_amount = Some(max_risk_amount.to_owned());
    draft
}

fn legs_of(pnl: &PlanPnl) -> Vec<(Decimal, Decimal, Decimal)> {
    pnl.legs.iter().map(|leg| (leg.gross_pnl, leg.fees, leg.net_pnl)).collect()
}

#[test]
fn single_long_with_fees() -> TestResult {
    let draft = with_risk(draft("single", vec![leg("BTCUSDT", "long", "0.5", "60000")]), "1000");
    let mut trade = PaperTrade::new(plan(&draft)?);
    let mut account = default_account();
    open_and_close(&mut trade, &mut account, &[("BTCUSDT", "60000")], &[("BTCUSDT", "66000")], "10")?;

    // Entry: buy 0.5 at 60000, notional 30000, fee 30000 x 10 / 10000 = 30.
    // Exit: sell 0.5 at 66000, notional 33000, fee 33.
    // Gross (66000 - 60000) x 0.5 = 3000; fees 30 + 33 = 63; net 2937; R 2937 / 1000 = 2.937.
    let pnl = trade.pnl(&Marks::new())?;
    assert_eq!(pnl.kind, PnlKind::Realized);
    assert_eq!(legs_of(&pnl), [(d("3000"), d("63"), d("2937"))]);
    assert_eq!((pnl.gross_pnl, pnl.fees, pnl.net_pnl), (d("3000"), d("63"), d("2937")));
    assert_eq!(pnl.r_multiple, Some(d("2.937")));
    assert_eq!((pnl.legs[0].entry_price.value(), pnl.legs[0].exit_price.value()), (d("60000"), d("66000")));

    // Cash: 100000 - 30030 + 32967 = 102937 = starting cash + net P&L.
    assert_eq!(account.cash(), d("102937"));
    assert_eq!(account.realized_pnl_before_fees(), d("3000"));
    assert_eq!(account.fees_paid(), d("63"));
    assert_eq!(account.open_positions().count(), 0);
    assert_eq!(account.ledger_difference()?, Decimal::ZERO);
    Ok(())
}

#[test]
fn single_short_with_fees() -> TestResult {
    let draft = with_risk(draft("single", vec![leg("ETHUSDT", "short", "4", "3000")]), "600");
    let mut trade = PaperTrade::new(plan(&draft)?);
    let mut account = default_account();
    let fills = trade.paper_open(&marks(&[("ETHUSDT", "3000")])?, fee_bps("7.5"), OPEN_TIME_MS)?.to_vec();
    account.apply_fills(&fills)?;

    // Entry: sell 4 at 3000, notional 12000, fee 12000 x 7.5 / 10000 = 9; the short
    // sale credits 12000 - 9 = 11991.
    assert_eq!(account.cash(), d("111991"));
    let position = account.position(&symbol("ETHUSDT")).ok_or("no position")?;
    assert_eq!((position.quantity(), position.average_entry_price()), (d("-4"), Some(d("3000"))));

    let fills = trade.paper_close(&marks(&[("ETHUSDT", "3300")])?, fee_bps("7.5"), CLOSE_TIME_MS)?.to_vec();
    account.apply_fills(&fills)?;
    // Exit: buy back 4 at 3300, notional 13200, fee 9.9, pays 13209.9.
    // Gross (3000 - 3300) x 4 = -1200; fees 9 + 9.9 = 18.9; net -1218.9.
    // R -1218.9 / 600 = -2.0315.
    let pnl = trade.pnl(&Marks::new())?;
    assert_eq!(legs_of(&pnl), [(d("-1200"), d("18.9"), d("-1218.9"))]);
    assert_eq!(pnl.r_multiple, Some(d("-2.0315")));
    // Cash: 111991 - 13209.9 = 98781.1 = 100000 - 1218.9.
    assert_eq!(account.cash(), d("98781.1"));
    assert_eq!(account.realized_pnl_before_fees(), d("-1200"));
    assert_eq!(account.ledger_difference()?, Decimal::ZERO);
    Ok(())
}

fn pair_draft() -> TradePlanDraft {
    with_risk(draft("pair", vec![leg("ETHUSDT", "long", "10", "3000"), leg("BTCUSDT", "short", "0.5", "60000")]), "500")
}

#[test]
fn pair_long_eth_short_btc_with_fees() -> TestResult {
    let mut trade = PaperTrade::new(plan(&pair_draft())?);
    let mut account = default_account();
    open_and_close(
        &mut trade,
        &mut account,
        &[("ETHUSDT", "3000"), ("BTCUSDT", "60000")],
        &[("ETHUSDT", "3150"), ("BTCUSDT", "61000")],
        "5",
    )?;
    // ETH: buy 10 at 3000 (notional 30000, fee 15), sell at 3150 (31500, fee 15.75).
    //      gross (3150 - 3000) x 10 = 1500, fees 30.75, net 1469.25.
    // BTC: sell 0.5 at 60000 (30000, fee 15), buy back at 61000 (30500, fee 15.25).
    //      gross (60000 - 61000) x 0.5 = -500, fees 30.25, net -530.25.
    // Plan: gross 1000, fees 61, net 939, R 939 / 500 = 1.878.
    let pnl = trade.pnl(&Marks::new())?;
    assert_eq!(legs_of(&pnl), [(d("1500"), d("30.75"), d("1469.25")), (d("-500"), d("30.25"), d("-530.25"))]);
    assert_eq!(
        (pnl.gross_pnl, pnl.fees, pnl.net_pnl, pnl.r_multiple),
        (d("1000"), d("61"), d("939"), Some(d("1.878")))
    );
    // Cash: 100000 - 30015 + 29985 + 31484.25 - 30515.25 = 100939.
    assert_eq!(account.cash(), d("100939"));
    assert_eq!(account.fees_paid(), d("61"));
    assert_eq!(account.ledger_difference()?, Decimal::ZERO);
    Ok(())
}

#[test]
fn pair_unrealized_while_open() -> TestResult {
    let mut trade = PaperTrade::new(plan(&pair_draft())?);
    let mut account = default_account();
    let fills =
        trade.paper_open(&marks(&[("ETHUSDT", "3000"), ("BTCUSDT", "60000")])?, fee_bps("5"), OPEN_TIME_MS)?.to_vec();
    account.apply_fills(&fills)?;

    let mut now = marks(&[("ETHUSDT", "3100")])?;
    now.insert_if_missing(symbol("BTCUSDT"), paper_trading::Mark::latest_close(Price::parse("59000")?));
    // ETH: gross (3100 - 3000) x 10 = 1000, entry fee 15 paid so far, net 985.
    // BTC: gross (60000 - 59000) x 0.5 = 500, entry fee 15, net 485.
    // Plan: gross 1500, fees 30, net 1470, R 1470 / 500 = 2.94. No closing fee is guessed.
    let pnl = trade.pnl(&now)?;
    assert_eq!(pnl.kind, PnlKind::Unrealized);
    assert_eq!(legs_of(&pnl), [(d("1000"), d("15"), d("985")), (d("500"), d("15"), d("485"))]);
    assert_eq!(
        (pnl.gross_pnl, pnl.fees, pnl.net_pnl, pnl.r_multiple),
        (d("1500"), d("30"), d("1470"), Some(d("2.94")))
    );
    assert_eq!(pnl.legs[1].exit_price_source, MarkSource::LatestClose);
    assert!(trade.pnl(&marks(&[("ETHUSDT", "3100")])?).is_err(), "a leg without a mark");

    // Account at the same marks: cash 100000 - 30015 + 29985 = 99970; market value
    // 10 x 3100 - 0.5 x 59000 = 1500; equity 101470 = 100000 + 1470.
    let valuation = account.valuation(&now)?;
    assert_eq!((valuation.cash, valuation.market_value, valuation.equity), (d("99970"), d("1500"), d("101470")));
    assert_eq!(valuation.unrealized_pnl, d("1500"));
    let positions: Vec<_> = valuation
        .positions
        .iter()
        .map(|p| (p.symbol.as_str(), p.quantity, p.average_entry_price, p.unrealized_pnl))
        .collect();
    assert_eq!(positions, [("BTCUSDT", d("-0.5"), d("60000"), d("500")), ("ETHUSDT", d("10"), d("3000"), d("1000"))]);
    Ok(())
}

#[test]
fn basket_with_fees_that_need_rounding() -> TestResult {
    let draft = with_risk(
        draft(
            "basket",
            vec![
                leg("BTCUSDT", "long", "0.015", "61000"),
                leg("SOLUSDT", "long", "12.5", "99"),
                leg("DOGEUSDT", "short", "10000", "0.08"),
            ],
        ),
        "300",
    );
    let mut trade = PaperTrade::new(plan(&draft)?);
    let mut account = default_account();
    open_and_close(
        &mut trade,
        &mut account,
        &[("BTCUSDT", "61234.56"), ("SOLUSDT", "98.765"), ("DOGEUSDT", "0.08123")],
        &[("BTCUSDT", "62000.01"), ("SOLUSDT", "95.4321"), ("DOGEUSDT", "0.07999")],
        "7.5",
    )?;
    // Fees are notional x 7.5 / 10000, rounded half away from zero to 8 places.
    // BTC long 0.015: entry 918.5184 -> fee 0.6888888; exit 930.00015 -> 0.6975001125 -> 0.69750011.
    //   gross 765.45 x 0.015 = 11.48175, fees 1.38638891, net 10.09536109.
    // SOL long 12.5: entry 1234.5625 -> fee 0.925921875 -> 0.92592188; exit 1192.90125 ->
    //   0.8946759375 -> 0.89467594. gross -3.3329 x 12.5 = -41.66125, fees 1.82059782,
    //   net -43.48184782.
    // DOGE short 10000: entry 812.3 -> fee 0.609225; exit 799.9 -> 0.599925.
    //   gross (0.08123 - 0.07999) x 10000 = 12.4, fees 1.20915, net 11.19085.
    // Plan: gross -17.7795, fees 4.41613673, net -22.19563673;
    //   R -22.19563673 / 300 = -0.07398545... -> -0.0740.
    let pnl = trade.pnl(&Marks::new())?;
    assert_eq!(
        legs_of(&pnl),
        [
            (d("11.48175"), d("1.38638891"), d("10.09536109")),
            (d("-41.66125"), d("1.82059782"), d("-43.48184782")),
            (d("12.4"), d("1.20915"), d("11.19085")),
        ]
    );
    assert_eq!((pnl.gross_pnl, pnl.fees, pnl.net_pnl), (d("-17.7795"), d("4.41613673"), d("-22.19563673")));
    assert_eq!(pnl.r_multiple, Some(d("-0.074")));
    assert_eq!(account.cash(), d("99977.80436327"));
    assert_eq!(account.fees_paid(), pnl.fees);
    assert_eq!(account.ledger_difference()?, Decimal::ZERO);
    Ok(())
}

#[test]
fn no_r_multiple_without_a_maximum_risk() -> TestResult {
    let mut trade = PaperTrade::new(plan(&draft("single", vec![leg("BTCUSDT", "long", "1", "60000")]))?);
    let mut account = default_account();
    open_and_close(&mut trade, &mut account, &[("BTCUSDT", "60000")], &[("BTCUSDT", "60000")], "0")?;
    let pnl = trade.pnl(&Marks::new())?;
    assert_eq!((pnl.net_pnl, pnl.r_multiple), (Decimal::ZERO, None));
    Ok(())
}

#[test]
fn two_plans_on_one_symbol_share_a_position() -> TestResult {
    // Plan A: long 1 BTC, opened at 60000. Plan B: long 2 BTC, opened at 63000.
    // The position: 3 BTC, cost basis 60000 + 126000 = 186000, average 62000.
    let mut account = default_account();
    let mut plan_a = PaperTrade::new(plan(&draft("single", vec![leg("BTCUSDT", "long", "1", "60000")]))?);
    let mut plan_b = PaperTrade::new(plan(&draft("single", vec![leg("BTCUSDT", "long", "2", "63000")]))?);
    account.apply_fills(plan_a.paper_open(&marks(&[("BTCUSDT", "60000")])?, fee_bps("0"), OPEN_TIME_MS)?)?;
    account.apply_fills(plan_b.paper_open(&marks(&[("BTCUSDT", "63000")])?, fee_bps("0"), OPEN_TIME_MS)?)?;
    let position = account.position(&symbol("BTCUSDT")).ok_or("no position")?;
    assert_eq!((position.quantity(), position.cost_basis()), (d("3"), d("186000")));
    assert_eq!(position.average_entry_price(), Some(d("62000")));

    // Close A at 66000: the account releases a third of the basis, 62000, and realizes
    // 66000 - 62000 = 4000, while plan A's own P&L is (66000 - 60000) x 1 = 6000.
    account.apply_fills(plan_a.paper_close(&marks(&[("BTCUSDT", "66000")])?, fee_bps("0"), CLOSE_TIME_MS)?)?;
    assert_eq!(account.realized_pnl_before_fees(), d("4000"));
    assert_eq!(plan_a.pnl(&Marks::new())?.net_pnl, d("6000"));
    // Close B at 61000: the account realizes 2 x 61000 - 124000 = -2000; plan B's own
    // P&L is (61000 - 63000) x 2 = -4000. Both sum to 2000.
    account.apply_fills(plan_b.paper_close(&marks(&[("BTCUSDT", "61000")])?, fee_bps("0"), CLOSE_TIME_MS)?)?;
    assert_eq!(account.realized_pnl_before_fees(), d("2000"));
    assert_eq!(plan_b.pnl(&Marks::new())?.net_pnl, d("-4000"));
    assert_eq!(account.cash(), d("102000"));
    Ok(())
}

#[test]
fn an_account_can_be_replayed_from_its_fills() -> TestResult {
    let mut trade = PaperTrade::new(plan(&pair_draft())?);
    let mut account = default_account();
    open_and_close(
        &mut trade,
        &mut account,
        &[("ETHUSDT", "3000"), ("BTCUSDT", "60000")],
        &[("ETHUSDT", "3150"), ("BTCUSDT", "61000")],
        "5",
    )?;
    let replayed = Account::replay(account.id().clone(), account.starting_cash(), trade.fills())?;
    assert_eq!(replayed, account);
    Ok(())
}
