//! A valid trade plan, and the checks that turn a draft into one.

use std::collections::BTreeMap;

use market_types::Symbol;

use super::text::{parse_note, parse_tag};
use crate::{AccountId, Leg, LegDraft, PlanError, Price, Quantity, RiskAmount, Side, TradePlanDraft, TradeType};

/// A trade plan that has passed every check of [`TradePlan::from_draft`]:
/// - `single` has exactly one leg, `pair` exactly two on opposite sides, `basket` two
///   or more on any sides;
/// - no symbol appears in two legs (a mark, a fill and a P&L line are per symbol, and
///   a plan that is long and short the same symbol nets to nothing);
/// - every quantity and price is positive, the optional `max_risk_amount` too.
///
/// Stop and target prices are recorded but not checked against the entry price or the
/// side: nothing in paper trading acts on them yet. Whether the symbols exist in the
/// market data is the caller's check; this crate has no market data.
///
/// The plan does not hold its id, status or fills; the store keeps those next to it
/// (see [`crate::PaperTrade`]). It serialises to the field names of the draft and reads
/// back through the same checks, so a stored plan cannot skip them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "TradePlanDraft")]
pub struct TradePlan {
    account_id: AccountId,
    trade_type: TradeType,
    strategy_tag: String,
    thesis: String,
    invalidation: String,
    max_risk_amount: Option<RiskAmount>,
    legs: Vec<Leg>,
}

impl TradePlan {
    /// Checks a draft and builds the plan, or names the first field at fault. Fields
    /// are checked in the order they are declared, then each leg's fields, then the
    /// rules that span legs (count, repeated symbols, pair sides).
    pub fn from_draft(draft: &TradePlanDraft) -> Result<Self, PlanError> {
        let account_id = match &draft.account_id {
            Some(raw) => AccountId::parse(raw).map_err(|error| PlanError::field_error("account_id", error))?,
            None => AccountId::default(),
        };
        let trade_type =
            TradeType::parse(&draft.trade_type).map_err(|error| PlanError::field_error("trade_type", error))?;
        let strategy_tag =
            parse_tag(&draft.strategy_tag).map_err(|error| PlanError::field_error("strategy_tag", error))?;
        let thesis = parse_note(&draft.thesis).map_err(|error| PlanError::field_error("thesis", error))?;
        let invalidation =
            parse_note(&draft.invalidation).map_err(|error| PlanError::field_error("invalidation", error))?;
        let max_risk_amount = draft
            .max_risk_amount
            .as_deref()
            .map(RiskAmount::parse)
            .transpose()
            .map_err(|error| PlanError::field_error("max_risk_amount", error))?;
        let legs: Vec<Leg> =
            draft.legs.iter().enumerate().map(|(index, leg)| parse_leg(index, leg)).collect::<Result<_, _>>()?;
        check_legs(trade_type, &legs)?;
        Ok(Self { account_id, trade_type, strategy_tag, thesis, invalidation, max_risk_amount, legs })
    }

    pub fn account_id(&self) -> &AccountId {
        &self.account_id
    }

    pub fn trade_type(&self) -> TradeType {
        self.trade_type
    }

    pub fn strategy_tag(&self) -> &str {
        &self.strategy_tag
    }

    pub fn thesis(&self) -> &str {
        &self.thesis
    }

    pub fn invalidation(&self) -> &str {
        &self.invalidation
    }

    pub fn max_risk_amount(&self) -> Option<RiskAmount> {
        self.max_risk_amount
    }

    /// The legs, in the order of the draft; a leg's index is its place here.
    pub fn legs(&self) -> &[Leg] {
        &self.legs
    }

    /// The symbols of the legs, in leg order, each once.
    pub fn symbols(&self) -> impl Iterator<Item = &Symbol> {
        self.legs.iter().map(|leg| &leg.symbol)
    }
}

impl TryFrom<TradePlanDraft> for TradePlan {
    type Error = PlanError;

    fn try_from(draft: TradePlanDraft) -> Result<Self, Self::Error> {
        Self::from_draft(&draft)
    }
}

fn parse_leg(index: usize, draft: &LegDraft) -> Result<Leg, PlanError> {
    let field = |name: &str| format!("legs[{index}].{name}");
    let price = |name: &str, raw: &str| Price::parse(raw).map_err(|error| PlanError::field_error(field(name), error));
    let optional_price = |name: &str, raw: &Option<String>| raw.as_deref().map(|raw| price(name, raw)).transpose();
    Ok(Leg {
        symbol: Symbol::parse(&draft.symbol).map_err(|error| PlanError::field_error(field("symbol"), error))?,
        side: Side::parse(&draft.side).map_err(|error| PlanError::field_error(field("side"), error))?,
        planned_quantity: Quantity::parse(&draft.planned_quantity)
            .map_err(|error| PlanError::field_error(field("planned_quantity"), error))?,
        planned_entry_price: price("planned_entry_price", &draft.planned_entry_price)?,
        stop_price: optional_price("stop_price", &draft.stop_price)?,
        target_price: optional_price("target_price", &draft.target_price)?,
    })
}

fn check_legs(trade_type: TradeType, legs: &[Leg]) -> Result<(), PlanError> {
    if !trade_type.allows_leg_count(legs.len()) {
        return Err(PlanError::WrongLegCount { trade_type, count: legs.len() });
    }
    let mut first_index_of_symbol = BTreeMap::new();
    for (index, leg) in legs.iter().enumerate() {
        if let Some(&first_index) = first_index_of_symbol.get(&leg.symbol) {
            return Err(PlanError::RepeatedSymbol { index, first_index, symbol: leg.symbol.clone() });
        }
        first_index_of_symbol.insert(&leg.symbol, index);
    }
    if let (TradeType::Pair, [first, second]) = (trade_type, legs)
        && first.side == second.side
    {
        return Err(PlanError::PairLegsOnSameSide { side: first.side });
    }
    Ok(())
}
