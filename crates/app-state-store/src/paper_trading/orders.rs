//! Orders (recorded, never sent anywhere) and the idempotency keys of their creation.

use paper_trading::{Order, OrderRequest, OrderRequestDraft, OrderStatus, PaperTradingError};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{IdempotencyScope, OrderCreation, StoredOrder, StoredResponse, stored};
use crate::connection::AppStateStore;
use crate::error::{Result, StoreError};
use crate::{new_id, now_ms};

/// How long an idempotency key is kept, at least: 24 hours. Older keys are purged when a
/// new one is written, and a purged key counts as new.
pub const IDEMPOTENCY_KEY_RETENTION_MS: i64 = 24 * 60 * 60 * 1000;

impl AppStateStore {
    /// Creates an order under an idempotency key, in one transaction that looks the key
    /// up and claims it:
    /// - a key not used before (or purged): the order is written, `render` makes the
    ///   response for it, and the key is stored with the request's fingerprint and that
    ///   response ([`OrderCreation::Created`]);
    /// - a key used with the same request (same [`OrderRequest::fingerprint`]): nothing is
    ///   written and the stored response comes back ([`OrderCreation::Replayed`]);
    /// - a key used with a different request: [`StoreError::IdempotencyKeyReused`].
    pub fn create_order_idempotently(
        &self,
        scope: IdempotencyScope<'_>,
        request: &OrderRequest,
        render: impl FnOnce(&StoredOrder) -> Result<StoredResponse, String>,
    ) -> Result<OrderCreation> {
        let fingerprint = request.fingerprint();
        self.write(|transaction| {
            let now = now_ms();
            transaction.execute(
                "DELETE FROM idempotency_keys WHERE created_at < ?",
                [now.saturating_sub(IDEMPOTENCY_KEY_RETENTION_MS)],
            )?;
            let claimed: Option<(String, i64, String)> = transaction
                .query_row(
                    "SELECT fingerprint, response_status, response_body FROM idempotency_keys
                     WHERE user_id = ? AND workspace_id = ? AND key = ?",
                    params![scope.user_id, scope.workspace_id, scope.key],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )
                .optional()?;
            if let Some((stored_fingerprint, status, body)) = claimed {
                if stored_fingerprint != fingerprint {
                    return Err(StoreError::IdempotencyKeyReused { key: scope.key.to_owned() });
                }
                let status = stored("response status", u16::try_from(status))?;
                return Ok(OrderCreation::Replayed(StoredResponse { status, body }));
            }
            let order = insert_order(transaction, scope.workspace_id, scope.user_id, request, now)?;
            let response = render(&order).map_err(StoreError::Internal)?;
            transaction.execute(
                "INSERT INTO idempotency_keys (user_id, workspace_id, key, fingerprint, order_id, response_status,
                                               response_body, created_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                params![
                    scope.user_id,
                    scope.workspace_id,
                    scope.key,
                    fingerprint,
                    order.id,
                    response.status,
                    response.body,
                    now
                ],
            )?;
            Ok(OrderCreation::Created { order, response })
        })
    }

    /// The orders of a workspace, oldest first.
    pub fn orders(&self, workspace_id: &str) -> Result<Vec<StoredOrder>> {
        self.read(|connection| {
            let mut statement = connection.prepare_cached(&format!(
                "SELECT {ORDER_COLUMNS} FROM paper_orders WHERE workspace_id = ? ORDER BY created_at, id"
            ))?;
            let rows = statement.query_map([workspace_id], OrderRow::read)?.collect::<rusqlite::Result<Vec<_>>>()?;
            rows.into_iter().map(OrderRow::parse).collect()
        })
    }

    /// One order of a workspace; `NotFound` "order" for an order of another workspace.
    pub fn order(&self, workspace_id: &str, order_id: &str) -> Result<StoredOrder> {
        self.read(|connection| load_order(connection, workspace_id, order_id))
    }

    /// Cancels an `accepted` order; a cancelled one is an invalid transition.
    pub fn cancel_order(&self, workspace_id: &str, order_id: &str) -> Result<StoredOrder> {
        self.write(|transaction| {
            let mut order = load_order(transaction, workspace_id, order_id)?;
            let from = order.order.status();
            order.order.cancel().map_err(PaperTradingError::from)?;
            order.updated_at_ms = now_ms();
            let changed = transaction.execute(
                "UPDATE paper_orders SET status = ?, updated_at = ? WHERE workspace_id = ? AND id = ? AND status = ?",
                params![order.order.status().as_str(), order.updated_at_ms, workspace_id, order_id, from.as_str()],
            )?;
            if changed != 1 {
                return Err(StoreError::Internal("the order changed inside its own transaction".to_owned()));
            }
            Ok(order)
        })
    }
}

fn insert_order(
    transaction: &Transaction<'_>,
    workspace_id: &str,
    user_id: &str,
    request: &OrderRequest,
    now: i64,
) -> Result<StoredOrder> {
    let order = StoredOrder {
        id: new_id(),
        workspace_id: workspace_id.to_owned(),
        order: Order::accept(request.clone()),
        created_by: Some(user_id.to_owned()),
        created_at_ms: now,
        updated_at_ms: now,
    };
    transaction.execute(
        "INSERT INTO paper_orders (id, workspace_id, symbol, side, quantity, order_type, limit_price, status,
                                   created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params![
            order.id,
            workspace_id,
            request.symbol().as_str(),
            request.side().as_str(),
            request.quantity().to_string(),
            request.order_type().as_str(),
            request.limit_price().map(|price| price.to_string()),
            order.order.status().as_str(),
            user_id,
            now,
            now
        ],
    )?;
    Ok(order)
}

const ORDER_COLUMNS: &str =
    "id, workspace_id, symbol, side, quantity, order_type, limit_price, status, created_by, created_at, updated_at";

fn load_order(connection: &Connection, workspace_id: &str, order_id: &str) -> Result<StoredOrder> {
    let row = connection
        .query_row(
            &format!("SELECT {ORDER_COLUMNS} FROM paper_orders WHERE workspace_id = ? AND id = ?"),
            params![workspace_id, order_id],
            OrderRow::read,
        )
        .optional()?
        .ok_or(StoreError::NotFound { what: "order" })?;
    row.parse()
}

struct OrderRow {
    id: String,
    workspace_id: String,
    draft: OrderRequestDraft,
    status: String,
    created_by: Option<String>,
    created_at_ms: i64,
    updated_at_ms: i64,
}

impl OrderRow {
    fn read(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: row.get(0)?,
            workspace_id: row.get(1)?,
            draft: OrderRequestDraft {
                symbol: row.get(2)?,
                side: row.get(3)?,
                quantity: row.get(4)?,
                order_type: row.get(5)?,
                limit_price: row.get(6)?,
            },
            status: row.get(7)?,
            created_by: row.get(8)?,
            created_at_ms: row.get(9)?,
            updated_at_ms: row.get(10)?,
        })
    }

    /// Reads the order back through the request's checks.
    fn parse(self) -> Result<StoredOrder> {
        let request = stored("order", OrderRequest::from_draft(&self.draft))?;
        let status = stored("order status", OrderStatus::parse(&self.status))?;
        Ok(StoredOrder {
            id: self.id,
            workspace_id: self.workspace_id,
            order: Order::restore(request, status),
            created_by: self.created_by,
            created_at_ms: self.created_at_ms,
            updated_at_ms: self.updated_at_ms,
        })
    }
}
