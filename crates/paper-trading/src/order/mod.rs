//! Order rules for a future execution layer: validating an order request, its
//! fingerprint for idempotent retries, and the accepted/cancelled status. Orders are
//! recorded, never sent anywhere.

mod order_request;
mod order_status;

pub use order_request::{InvalidOrderType, OrderError, OrderFieldProblem, OrderRequest, OrderRequestDraft, OrderType};
pub use order_status::{InvalidOrderStatus, InvalidOrderTransition, Order, OrderStatus};
