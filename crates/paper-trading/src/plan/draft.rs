//! The raw, unchecked form of a trade plan, as a caller submits it.

use crate::number::{deserialize_number_text, deserialize_optional_number_text};

/// A trade plan as submitted: every field is raw text, checked only by
/// [`crate::TradePlan::from_draft`]. Numbers are text so that the check, not the
/// caller's JSON reader, decides what a number is; the serde reader accepts a JSON
/// number or a string for them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct TradePlanDraft {
    /// `None` means the default account, `paper-main`.
    #[serde(default)]
    pub account_id: Option<String>,
    pub trade_type: String,
    #[serde(default)]
    pub strategy_tag: String,
    #[serde(default)]
    pub thesis: String,
    #[serde(default)]
    pub invalidation: String,
    #[serde(default, deserialize_with = "deserialize_optional_number_text")]
    pub max_risk_amount: Option<String>,
    pub legs: Vec<LegDraft>,
}

/// One leg of a [`TradePlanDraft`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct LegDraft {
    pub symbol: String,
    pub side: String,
    #[serde(deserialize_with = "deserialize_number_text")]
    pub planned_quantity: String,
    #[serde(deserialize_with = "deserialize_number_text")]
    pub planned_entry_price: String,
    #[serde(default, deserialize_with = "deserialize_optional_number_text")]
    pub stop_price: Option<String>,
    #[serde(default, deserialize_with = "deserialize_optional_number_text")]
    pub target_price: Option<String>,
}
