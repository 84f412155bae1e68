//! Profit and loss of a paper trade, per leg and per plan.
//!
//! The same three numbers are reported whether the plan is closed or still open:
//! - `gross_pnl`: the price move times the quantity, `(exit - entry) x quantity` for a
//!   long and `(entry - exit) x quantity` for a short, exact;
//! - `fees`: the fees actually paid so far, exact: entry plus exit fees once closed,
//!   only the entry fees while open (a closing fee is not guessed, since the rate is
//!   only known at paper-close);
//! - `net_pnl = gross_pnl - fees`.
//!
//! While open, "exit" is the mark the caller gives (usually the latest close), and the
//! report is unrealized. The R multiple is `net_pnl / max_risk_amount` when the plan has
//! a maximum risk, rounded half away from zero to 4 decimal places.

use market_types::Symbol;
use rust_decimal::Decimal;

use crate::exact::{self, AmountOutOfRange};
use crate::{Fill, Leg, MarkSource, Marks, MissingMarks, PlanStatus, Price, Quantity, Side, TradePlan};

/// The number of decimal places an R multiple is rounded to.
pub const R_MULTIPLE_DECIMAL_PLACES: u32 = 4;

/// Whether a P&L report is final or valued at marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PnlKind {
    /// The plan is closed; the exit fills set the result.
    Realized,
    /// The plan is open; the result is valued at the given marks.
    Unrealized,
}

/// The P&L of one leg.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LegPnl {
    pub leg_index: usize,
    pub symbol: Symbol,
    pub side: Side,
    pub quantity: Quantity,
    /// The price of the entry fill.
    pub entry_price: Price,
    /// The price of the exit fill once closed; the mark while open.
    pub exit_price: Price,
    /// Where `exit_price` came from.
    pub exit_price_source: MarkSource,
    pub gross_pnl: Decimal,
    pub fees: Decimal,
    pub net_pnl: Decimal,
}

/// The P&L of a plan: its legs and their sums.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PlanPnl {
    pub kind: PnlKind,
    pub legs: Vec<LegPnl>,
    pub gross_pnl: Decimal,
    pub fees: Decimal,
    pub net_pnl: Decimal,
    /// `net_pnl / max_risk_amount`, rounded to 4 places; `None` without a maximum risk.
    pub r_multiple: Option<Decimal>,
}

/// Why no P&L could be reported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PnlError {
    /// A planned or cancelled plan has no fills, hence no P&L.
    #[error("a {status} plan has no p&l: it was never opened")]
    NeverOpened { status: PlanStatus },
    #[error(transparent)]
    MissingMarks(#[from] MissingMarks),
    #[error(transparent)]
    AmountOutOfRange(#[from] AmountOutOfRange),
}

/// The realized P&L of a closed plan; `entries` and `exits` hold one fill per leg, in
/// leg order.
pub(crate) fn realized(plan: &TradePlan, entries: &[Fill], exits: &[Fill]) -> Result<PlanPnl, AmountOutOfRange> {
    let legs = plan
        .legs()
        .iter()
        .zip(entries.iter().zip(exits))
        .enumerate()
        .map(|(index, (leg, (entry, exit)))| {
            let fees = exact::add(entry.fee(), exit.fee())?;
            leg_pnl(index, leg, entry, exit.price(), exit.mark_source(), fees)
        })
        .collect::<Result<Vec<_>, _>>()?;
    plan_pnl(plan, PnlKind::Realized, legs)
}

/// The unrealized P&L of an open plan at `marks`; `entries` holds one fill per leg, in
/// leg order.
pub(crate) fn unrealized(plan: &TradePlan, entries: &[Fill], marks: &Marks) -> Result<PlanPnl, PnlError> {
    let missing = marks.missing(plan.symbols());
    if !missing.is_empty() {
        return Err(MissingMarks { symbols: missing }.into());
    }
    let legs = plan
        .legs()
        .iter()
        .zip(entries)
        .enumerate()
        .filter_map(|(index, (leg, entry))| {
            let mark = marks.get(&leg.symbol)?;
            Some(leg_pnl(index, leg, entry, mark.price, mark.source, entry.fee()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(plan_pnl(plan, PnlKind::Unrealized, legs)?)
}

fn leg_pnl(
    leg_index: usize,
    leg: &Leg,
    entry: &Fill,
    exit_price: Price,
    exit_price_source: MarkSource,
    fees: Decimal,
) -> Result<LegPnl, AmountOutOfRange> {
    let price_move = exact::sub(exit_price.value(), entry.price().value())?;
    let gross_pnl = exact::mul(exact::mul(price_move, entry.quantity().value())?, leg.side.sign())?;
    Ok(LegPnl {
        leg_index,
        symbol: leg.symbol.clone(),
        side: leg.side,
        quantity: entry.quantity(),
        entry_price: entry.price(),
        exit_price,
        exit_price_source,
        gross_pnl,
        fees,
        net_pnl: exact::sub(gross_pnl, fees)?,
    })
}

fn plan_pnl(plan: &TradePlan, kind: PnlKind, legs: Vec<LegPnl>) -> Result<PlanPnl, AmountOutOfRange> {
    let gross_pnl = exact::sum(legs.iter().map(|leg| leg.gross_pnl))?;
    let fees = exact::sum(legs.iter().map(|leg| leg.fees))?;
    let net_pnl = exact::sub(gross_pnl, fees)?;
    let r_multiple = plan
        .max_risk_amount()
        .map(|risk| exact::div_rounded(net_pnl, risk.value(), R_MULTIPLE_DECIMAL_PLACES))
        .transpose()?;
    Ok(PlanPnl { kind, legs, gross_pnl, fees, net_pnl, r_multiple })
}
