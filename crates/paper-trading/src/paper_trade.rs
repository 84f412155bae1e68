//! A trade plan with its status and fills, and the paper actions that move it along.

use rust_decimal::Decimal;

use crate::exact::AmountOutOfRange;
use crate::pnl::{self, PlanPnl, PnlError};
use crate::{
    FeeBps, Fill, FillKind, FillTerms, InvalidTransition, Marks, MissingMarks, PlanAction, PlanStatus, TradePlan,
};

/// A trade plan together with its status and fills. Its fields are private, so the
/// fills always match the status:
/// - `planned` and `cancelled`: no fills;
/// - `open`: one entry fill per leg;
/// - `closed`: one entry and one exit fill per leg.
///
/// Each action either succeeds whole or fails and changes nothing. The store keeps the
/// plan, the status and the fills, and rebuilds the trade with [`PaperTrade::restore`];
/// it must also make a status change conditional on the status it read (`UPDATE ...
/// WHERE status = 'planned'`) so that of two concurrent paper-opens only one wins.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "PaperTradeRecord")]
pub struct PaperTrade {
    plan: TradePlan,
    status: PlanStatus,
    /// One per leg, in leg order, once opened.
    entry_fills: Vec<Fill>,
    /// One per leg, in leg order, once closed.
    exit_fills: Vec<Fill>,
}

/// Why a paper-open or paper-close was refused. Nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExecutionError {
    /// The status does not allow the action (409 `invalid_transition`).
    #[error(transparent)]
    InvalidTransition(#[from] InvalidTransition),
    /// A leg has no mark price.
    #[error(transparent)]
    MissingMarks(#[from] MissingMarks),
    #[error(transparent)]
    AmountOutOfRange(#[from] AmountOutOfRange),
}

/// Stored parts that do not form a valid trade: a store or migration bug, not the
/// caller's mistake.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("inconsistent stored trade: {0}")]
pub struct InconsistentTrade(pub String);

impl PaperTrade {
    /// A new plan: `planned`, no fills.
    pub fn new(plan: TradePlan) -> Self {
        Self { plan, status: PlanStatus::Planned, entry_fills: Vec::new(), exit_fills: Vec::new() }
    }

    /// Rebuilds a trade from stored parts, checking that the fills match the plan and
    /// the status (one entry fill per leg once opened, one exit fill per leg once
    /// closed, each with the leg's symbol, its side's fill side and its planned
    /// quantity). The fills may come in any order.
    pub fn restore(plan: TradePlan, status: PlanStatus, fills: Vec<Fill>) -> Result<Self, InconsistentTrade> {
        let leg_count = plan.legs().len();
        let mut entries: Vec<Option<Fill>> = vec![None; leg_count];
        let mut exits: Vec<Option<Fill>> = vec![None; leg_count];
        for fill in fills {
            let index = fill.leg_index();
            let leg = plan.legs().get(index).ok_or_else(|| {
                InconsistentTrade(format!("a fill names leg {index} of a plan with {leg_count} legs"))
            })?;
            let (slots, expected_side) = match fill.kind() {
                FillKind::Entry => (&mut entries, leg.side.opening_fill_side()),
                FillKind::Exit => (&mut exits, leg.side.closing_fill_side()),
            };
            if fill.symbol() != &leg.symbol || fill.side() != expected_side || fill.quantity() != leg.planned_quantity {
                return Err(InconsistentTrade(format!(
                    "the {:?} fill of leg {index} does not match the leg",
                    fill.kind()
                )));
            }
            if slots[index].replace(fill).is_some() {
                return Err(InconsistentTrade(format!("leg {index} has two fills of the same kind")));
            }
        }
        let (expect_entries, expect_exits) = match status {
            PlanStatus::Planned | PlanStatus::Cancelled => (false, false),
            PlanStatus::Open => (true, false),
            PlanStatus::Closed => (true, true),
        };
        let entry_fills = complete_or_empty(entries, expect_entries, "entry", status)?;
        let exit_fills = complete_or_empty(exits, expect_exits, "exit", status)?;
        Ok(Self { plan, status, entry_fills, exit_fills })
    }

    pub fn plan(&self) -> &TradePlan {
        &self.plan
    }

    pub fn status(&self) -> PlanStatus {
        self.status
    }

    /// The entry fills, one per leg in leg order; empty until opened.
    pub fn entry_fills(&self) -> &[Fill] {
        &self.entry_fills
    }

    /// The exit fills, one per leg in leg order; empty until closed.
    pub fn exit_fills(&self) -> &[Fill] {
        &self.exit_fills
    }

    /// Every fill: the entries, then the exits.
    pub fn fills(&self) -> impl Iterator<Item = &Fill> {
        self.entry_fills.iter().chain(&self.exit_fills)
    }

    /// Paper-opens a planned trade: one entry fill per leg (a long buys, a short sells)
    /// of its planned quantity at its symbol's mark, charged `fee_bps`, at `time_ms`.
    /// Returns the new fills, which the caller stores and applies to the plan's account.
    pub fn paper_open(&mut self, marks: &Marks, fee_bps: FeeBps, time_ms: i64) -> Result<&[Fill], ExecutionError> {
        let status = self.status.after(PlanAction::PaperOpen)?;
        self.entry_fills = fills_for(&self.plan, FillKind::Entry, marks, fee_bps, time_ms)?;
        self.status = status;
        Ok(&self.entry_fills)
    }

    /// Paper-closes an open trade: one exit fill per leg, the reverse of its entry (a
    /// long sells, a short buys back), otherwise like [`Self::paper_open`].
    pub fn paper_close(&mut self, marks: &Marks, fee_bps: FeeBps, time_ms: i64) -> Result<&[Fill], ExecutionError> {
        let status = self.status.after(PlanAction::PaperClose)?;
        self.exit_fills = fills_for(&self.plan, FillKind::Exit, marks, fee_bps, time_ms)?;
        self.status = status;
        Ok(&self.exit_fills)
    }

    /// Cancels a planned trade.
    pub fn cancel(&mut self) -> Result<(), InvalidTransition> {
        self.status = self.status.after(PlanAction::Cancel)?;
        Ok(())
    }

    /// The P&L: realized once closed (the marks are not read), unrealized at `marks`
    /// while open (every leg needs one). See [`crate::pnl`] for the definitions.
    pub fn pnl(&self, marks: &Marks) -> Result<PlanPnl, PnlError> {
        match self.status {
            PlanStatus::Closed => Ok(pnl::realized(&self.plan, &self.entry_fills, &self.exit_fills)?),
            PlanStatus::Open => pnl::unrealized(&self.plan, &self.entry_fills, marks),
            status @ (PlanStatus::Planned | PlanStatus::Cancelled) => Err(PnlError::NeverOpened { status }),
        }
    }

    /// The fees of every fill so far.
    pub fn fees_paid(&self) -> Result<Decimal, AmountOutOfRange> {
        crate::exact::sum(self.fills().map(Fill::fee))
    }
}

/// The shape a trade is stored and read back in; reading goes through [`PaperTrade::restore`].
#[derive(Debug, serde::Deserialize)]
struct PaperTradeRecord {
    plan: TradePlan,
    status: PlanStatus,
    #[serde(default)]
    entry_fills: Vec<Fill>,
    #[serde(default)]
    exit_fills: Vec<Fill>,
}

impl TryFrom<PaperTradeRecord> for PaperTrade {
    type Error = InconsistentTrade;

    fn try_from(record: PaperTradeRecord) -> Result<Self, Self::Error> {
        let fills = record.entry_fills.into_iter().chain(record.exit_fills).collect();
        Self::restore(record.plan, record.status, fills)
    }
}

fn fills_for(
    plan: &TradePlan,
    kind: FillKind,
    marks: &Marks,
    fee_bps: FeeBps,
    time_ms: i64,
) -> Result<Vec<Fill>, ExecutionError> {
    let missing = marks.missing(plan.symbols());
    if !missing.is_empty() {
        return Err(MissingMarks { symbols: missing }.into());
    }
    let mut fills = Vec::with_capacity(plan.legs().len());
    for (leg_index, leg) in plan.legs().iter().enumerate() {
        let Some(mark) = marks.get(&leg.symbol) else {
            return Err(MissingMarks { symbols: vec![leg.symbol.clone()] }.into());
        };
        let side = match kind {
            FillKind::Entry => leg.side.opening_fill_side(),
            FillKind::Exit => leg.side.closing_fill_side(),
        };
        fills.push(Fill::new(FillTerms {
            leg_index,
            symbol: leg.symbol.clone(),
            kind,
            side,
            quantity: leg.planned_quantity,
            price: mark.price,
            fee_bps,
            time_ms,
            mark_source: mark.source,
        })?);
    }
    Ok(fills)
}

/// All slots filled when `expected`, all empty otherwise.
fn complete_or_empty(
    slots: Vec<Option<Fill>>,
    expected: bool,
    kind: &str,
    status: PlanStatus,
) -> Result<Vec<Fill>, InconsistentTrade> {
    if expected {
        slots
            .into_iter()
            .enumerate()
            .map(|(index, slot)| {
                slot.ok_or_else(|| InconsistentTrade(format!("a {status} trade lacks the {kind} fill of leg {index}")))
            })
            .collect()
    } else if slots.iter().any(Option::is_some) {
        Err(InconsistentTrade(format!("a {status} trade has {kind} fills")))
    } else {
        Ok(Vec::new())
    }
}
