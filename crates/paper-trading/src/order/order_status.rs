//! An accepted order and its one transition, cancellation.

use std::fmt;

use crate::OrderRequest;

/// Where an order is: `accepted` when recorded, `cancelled` once cancelled (final).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OrderStatus {
    Accepted,
    Cancelled,
}

/// Cancelling an order that is already cancelled (409 `invalid_transition`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot cancel a {from} order")]
pub struct InvalidOrderTransition {
    pub from: OrderStatus,
}

/// The reason an order status name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid order status {0:?}: expected accepted or cancelled")]
pub struct InvalidOrderStatus(pub String);

impl OrderStatus {
    /// The status after a cancel: `accepted` becomes `cancelled`; `cancelled` refuses.
    pub fn after_cancel(self) -> Result<OrderStatus, InvalidOrderTransition> {
        match self {
            Self::Accepted => Ok(Self::Cancelled),
            Self::Cancelled => Err(InvalidOrderTransition { from: self }),
        }
    }

    /// Parses the stored name (`accepted` or `cancelled`).
    pub fn parse(raw: &str) -> Result<Self, InvalidOrderStatus> {
        match raw {
            "accepted" => Ok(Self::Accepted),
            "cancelled" => Ok(Self::Cancelled),
            _ => Err(InvalidOrderStatus(raw.to_owned())),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Cancelled => "cancelled",
        }
    }
}

impl fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A recorded order: its request and status. The id, owner and times are the store's.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Order {
    request: OrderRequest,
    status: OrderStatus,
}

impl Order {
    /// A newly accepted order.
    pub fn accept(request: OrderRequest) -> Self {
        Self { request, status: OrderStatus::Accepted }
    }

    /// An order read back from the store.
    pub fn restore(request: OrderRequest, status: OrderStatus) -> Self {
        Self { request, status }
    }

    pub fn request(&self) -> &OrderRequest {
        &self.request
    }

    pub fn status(&self) -> OrderStatus {
        self.status
    }

    /// Cancels the order; a cancelled order refuses and stays as it is.
    pub fn cancel(&mut self) -> Result<(), InvalidOrderTransition> {
        self.status = self.status.after_cancel()?;
        Ok(())
    }
}
