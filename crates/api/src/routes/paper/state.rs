//! What paper trading keeps in the application state: the trading mode, the starting
//! cash of new accounts, and the idempotency keys of order requests still in flight.

use std::sync::Arc;

use paper_trading::StartingCash;

use super::idempotency::InFlightKeys;
use crate::error::ApiError;
use crate::settings::{Settings, TradingMode};

#[derive(Debug, Clone)]
pub struct PaperState {
    pub trading_mode: TradingMode,
    /// The starting cash of a workspace's `paper-main`, when it is created.
    pub starting_cash: StartingCash,
    pub orders_in_flight: Arc<InFlightKeys>,
}

impl PaperState {
    pub fn new(settings: &Settings) -> Self {
        Self {
            trading_mode: settings.trading_mode,
            starting_cash: settings.paper_starting_cash,
            orders_in_flight: Arc::default(),
        }
    }

    /// 403 `trading_disabled` unless `TRADING_MODE=paper`.
    pub fn require_trading(&self) -> Result<(), ApiError> {
        match self.trading_mode {
            TradingMode::Paper => Ok(()),
            TradingMode::Readonly => Err(ApiError::forbidden_with_code(
                "trading_disabled",
                "trading is disabled on this server (TRADING_MODE=readonly); orders can only be listed",
            )),
        }
    }
}
