//! The plan lifecycle on a real trade: every (status, action) cell, the fills each
//! action makes, refusals that change nothing, and rebuilding from stored parts.

use paper_trading::{
    ExecutionError, Fill, FillKind, FillSide, InvalidTransition, Mark, MarkSource, Marks, MissingMarks, PaperTrade,
    PlanAction, PlanStatus, PnlError, Price,
};

use crate::fixtures::*;

fn pair_trade() -> TestResult<PaperTrade> {
    Ok(PaperTrade::new(plan(&draft(
        "pair",
        vec![leg("ETHUSDT", "long", "10", "3000"), leg("BTCUSDT", "short", "0.5", "60000")],
    ))?))
}

fn both_marks() -> TestResult<Marks> {
    marks(&[("ETHUSDT", "3000"), ("BTCUSDT", "60000")])
}

/// A pair trade brought to `status` through the real actions.
fn trade_in(status: PlanStatus) -> TestResult<PaperTrade> {
    let mut trade = pair_trade()?;
    match status {
        PlanStatus::Planned => {}
        PlanStatus::Open => {
            trade.paper_open(&both_marks()?, fee_bps("5"), OPEN_TIME_MS)?;
        }
        PlanStatus::Closed => {
            trade.paper_open(&both_marks()?, fee_bps("5"), OPEN_TIME_MS)?;
            trade.paper_close(&both_marks()?, fee_bps("5"), CLOSE_TIME_MS)?;
        }
        PlanStatus::Cancelled => trade.cancel()?,
    }
    assert_eq!(trade.status(), status);
    Ok(trade)
}

fn act(trade: &mut PaperTrade, action: PlanAction) -> TestResult<Result<(), InvalidTransition>> {
    let marks = both_marks()?;
    let outcome = match action {
        PlanAction::PaperOpen => trade.paper_open(&marks, fee_bps("5"), OPEN_TIME_MS).map(|_| ()),
        PlanAction::PaperClose => trade.paper_close(&marks, fee_bps("5"), CLOSE_TIME_MS).map(|_| ()),
        PlanAction::Cancel => trade.cancel().map_err(ExecutionError::from),
    };
    match outcome {
        Ok(()) => Ok(Ok(())),
        Err(ExecutionError::InvalidTransition(refusal)) => Ok(Err(refusal)),
        Err(other) => Err(other.into()),
    }
}

#[test]
fn every_status_and_action_cell() -> TestResult {
    use PlanAction::*;
    use PlanStatus::*;
    let table = [
        (Planned, PaperOpen, Some(Open)),
        (Planned, PaperClose, None),
        (Planned, Cancel, Some(Cancelled)),
        (Open, PaperOpen, None),
        (Open, PaperClose, Some(Closed)),
        (Open, Cancel, None),
        (Closed, PaperOpen, None),
        (Closed, PaperClose, None),
        (Closed, Cancel, None),
        (Cancelled, PaperOpen, None),
        (Cancelled, PaperClose, None),
        (Cancelled, Cancel, None),
    ];
    for (from, action, to) in table {
        let mut trade = trade_in(from)?;
        let before = trade.clone();
        let outcome = act(&mut trade, action)?;
        match to {
            Some(to) => {
                assert_eq!(outcome, Ok(()), "{from} + {action}");
                assert_eq!(trade.status(), to, "{from} + {action}");
                let expected_fills = match to {
                    Open => 2,
                    Closed => 4,
                    _ => 0,
                };
                assert_eq!(trade.fills().count(), expected_fills, "{from} + {action}");
            }
            None => {
                assert_eq!(outcome, Err(InvalidTransition { from, action }), "{from} + {action}");
                assert_eq!(trade, before, "a refused {action} changed a {from} trade");
            }
        }
    }
    Ok(())
}

#[test]
fn paper_open_fills_every_leg_at_its_mark() -> TestResult {
    let mut trade = pair_trade()?;
    let mut marks = Marks::new();
    marks.insert(symbol("ETHUSDT"), Mark::given(Price::parse("3100")?));
    marks.insert_if_missing(symbol("BTCUSDT"), Mark::latest_close(Price::parse("59000")?));
    let fills = trade.paper_open(&marks, fee_bps("5"), OPEN_TIME_MS)?.to_vec();
    assert_eq!(fills.len(), 2);
    let summary: Vec<_> = fills
        .iter()
        .map(|fill| {
            (
                fill.leg_index(),
                fill.symbol().as_str(),
                fill.kind(),
                fill.side(),
                fill.quantity().value(),
                fill.price().value(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (0, "ETHUSDT", FillKind::Entry, FillSide::Buy, d("10"), d("3100")),
            (1, "BTCUSDT", FillKind::Entry, FillSide::Sell, d("0.5"), d("59000")),
        ]
    );
    // 10 x 3100 = 31000, fee 31000 x 5 / 10000 = 15.5; 0.5 x 59000 = 29500, fee 14.75.
    assert_eq!(fills.iter().map(Fill::fee).collect::<Vec<_>>(), [d("15.5"), d("14.75")]);
    assert_eq!(fills.iter().map(Fill::mark_source).collect::<Vec<_>>(), [MarkSource::Given, MarkSource::LatestClose]);
    assert!(fills.iter().all(|fill| fill.time_ms() == OPEN_TIME_MS && fill.fee_bps() == fee_bps("5")));

    let exits = trade.paper_close(&both_marks()?, fee_bps("0"), CLOSE_TIME_MS)?.to_vec();
    assert_eq!(exits.iter().map(Fill::side).collect::<Vec<_>>(), [FillSide::Sell, FillSide::Buy]);
    assert_eq!(exits.iter().map(Fill::kind).collect::<Vec<_>>(), [FillKind::Exit, FillKind::Exit]);
    assert!(exits.iter().all(|fill| fill.fee().is_zero() && fill.time_ms() == CLOSE_TIME_MS));
    assert_eq!(trade.entry_fills(), fills.as_slice());
    assert_eq!(trade.exit_fills(), exits.as_slice());
    Ok(())
}

#[test]
fn a_leg_without_a_mark_refuses_the_action_and_changes_nothing() -> TestResult {
    let mut trade = pair_trade()?;
    let before = trade.clone();
    let only_eth = marks(&[("ETHUSDT", "3000"), ("SOLUSDT", "100")])?;
    let error = trade.paper_open(&only_eth, fee_bps("5"), OPEN_TIME_MS).map(|_| ());
    assert_eq!(error, Err(ExecutionError::MissingMarks(MissingMarks { symbols: vec![symbol("BTCUSDT")] })));
    assert_eq!(trade, before);

    trade.paper_open(&both_marks()?, fee_bps("5"), OPEN_TIME_MS)?;
    let before = trade.clone();
    let error = trade.paper_close(&Marks::new(), fee_bps("5"), CLOSE_TIME_MS).map(|_| ());
    assert_eq!(
        error,
        Err(ExecutionError::MissingMarks(MissingMarks { symbols: vec![symbol("ETHUSDT"), symbol("BTCUSDT")] }))
    );
    assert_eq!(trade, before);
    Ok(())
}

#[test]
fn the_status_is_checked_before_the_marks() -> TestResult {
    let mut trade = pair_trade()?;
    let error = trade.paper_close(&Marks::new(), fee_bps("5"), CLOSE_TIME_MS).map(|_| ());
    assert_eq!(
        error,
        Err(ExecutionError::InvalidTransition(InvalidTransition {
            from: PlanStatus::Planned,
            action: PlanAction::PaperClose
        }))
    );
    Ok(())
}

#[test]
fn a_plan_never_opened_has_no_pnl() -> TestResult {
    for status in [PlanStatus::Planned, PlanStatus::Cancelled] {
        assert_eq!(trade_in(status)?.pnl(&both_marks()?), Err(PnlError::NeverOpened { status }));
    }
    Ok(())
}

#[test]
fn restores_from_stored_parts_in_any_order() -> TestResult {
    for status in PlanStatus::ALL {
        let trade = trade_in(status)?;
        let mut fills: Vec<Fill> = trade.fills().cloned().collect();
        fills.reverse();
        let restored = PaperTrade::restore(trade.plan().clone(), status, fills)?;
        assert_eq!(restored, trade, "{status}");
        let json = serde_json::to_string(&trade)?;
        assert_eq!(serde_json::from_str::<PaperTrade>(&json)?, trade, "{status}");
    }
    Ok(())
}

#[test]
fn refuses_stored_parts_that_do_not_fit_together() -> TestResult {
    let closed = trade_in(PlanStatus::Closed)?;
    let plan = closed.plan().clone();
    let all: Vec<Fill> = closed.fills().cloned().collect();
    let entries: Vec<Fill> = closed.entry_fills().to_vec();
    let bad_parts = [
        (PlanStatus::Planned, entries.clone()),
        (PlanStatus::Cancelled, entries.clone()),
        (PlanStatus::Open, Vec::new()),
        (PlanStatus::Open, entries[..1].to_vec()),
        (PlanStatus::Open, all.clone()),
        (PlanStatus::Closed, entries.clone()),
        (PlanStatus::Closed, [all.clone(), entries[..1].to_vec()].concat()),
    ];
    for (status, fills) in bad_parts {
        let count = fills.len();
        assert!(PaperTrade::restore(plan.clone(), status, fills).is_err(), "{status} with {count} fills");
    }
    // A fill of another plan's leg.
    let other = trade_in(PlanStatus::Open)?;
    let single = plan_of_one_leg()?;
    assert!(PaperTrade::restore(single, PlanStatus::Open, other.entry_fills()[1..].to_vec()).is_err());
    Ok(())
}

fn plan_of_one_leg() -> TestResult<paper_trading::TradePlan> {
    plan(&draft("single", vec![leg("ETHUSDT", "long", "10", "3000")]))
}
