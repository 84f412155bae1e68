//! The rows of `paper_fills`: writing a fill, and reading fills back through the domain's
//! constructors (the stored notional and fee are recomputed, not trusted).

use market_types::Symbol;
use paper_trading::{FeeBps, Fill, FillKind, FillSide, FillTerms, MarkSource, Price, Quantity};
use rusqlite::{Connection, Params, Row, Transaction, params};

use super::{StoredFill, stored};
use crate::error::Result;

const FILL_COLUMNS: &str = "id, plan_id, account_id, leg_index, kind, symbol, side, quantity, price, fee_bps, mark_source, filled_at, created_by";

/// Writes one fill of `plan_id`, made by `user_id`.
pub(super) fn insert_fill(
    transaction: &Transaction<'_>,
    workspace_id: &str,
    plan_id: &str,
    account_id: &str,
    user_id: &str,
    fill: &Fill,
) -> Result<()> {
    let leg_index = i64::try_from(fill.leg_index()).map_err(|error| crate::StoreError::Internal(error.to_string()))?;
    transaction.execute(
        "INSERT INTO paper_fills (id, plan_id, workspace_id, account_id, leg_index, kind, symbol, side, quantity,
                                  price, fee_bps, notional, fee, mark_source, filled_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params![
            crate::new_id(),
            plan_id,
            workspace_id,
            account_id,
            leg_index,
            fill.kind().as_str(),
            fill.symbol().as_str(),
            fill.side().as_str(),
            fill.quantity().to_string(),
            fill.price().to_string(),
            fill.fee_bps().to_string(),
            fill.notional().to_string(),
            fill.fee().to_string(),
            fill.mark_source().as_str(),
            fill.time_ms(),
            user_id,
        ],
    )?;
    Ok(())
}

/// The fills of one plan of a workspace, in the order they were written.
pub(super) fn fills_of_plan(connection: &Connection, workspace_id: &str, plan_id: &str) -> Result<Vec<StoredFill>> {
    fills_where(connection, "workspace_id = ? AND plan_id = ?", params![workspace_id, plan_id])
}

/// Every fill of a workspace, in the order they were written.
pub(super) fn fills_of_workspace(connection: &Connection, workspace_id: &str) -> Result<Vec<StoredFill>> {
    fills_where(connection, "workspace_id = ?", params![workspace_id])
}

/// The fills of one account, in the order they were written: the order to replay them in.
pub(super) fn fills_of_account(
    connection: &Connection,
    workspace_id: &str,
    account_id: &str,
) -> Result<Vec<StoredFill>> {
    fills_where(connection, "workspace_id = ? AND account_id = ?", params![workspace_id, account_id])
}

fn fills_where(connection: &Connection, condition: &str, parameters: impl Params) -> Result<Vec<StoredFill>> {
    let mut statement =
        connection.prepare_cached(&format!("SELECT {FILL_COLUMNS} FROM paper_fills WHERE {condition} ORDER BY seq"))?;
    let rows = statement.query_map(parameters, FillRow::read)?.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(FillRow::parse).collect()
}

struct FillRow {
    id: String,
    plan_id: String,
    account_id: String,
    leg_index: i64,
    kind: String,
    symbol: String,
    side: String,
    quantity: String,
    price: String,
    fee_bps: String,
    mark_source: String,
    filled_at_ms: i64,
    created_by: Option<String>,
}

impl FillRow {
    fn read(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: row.get(0)?,
            plan_id: row.get(1)?,
            account_id: row.get(2)?,
            leg_index: row.get(3)?,
            kind: row.get(4)?,
            symbol: row.get(5)?,
            side: row.get(6)?,
            quantity: row.get(7)?,
            price: row.get(8)?,
            fee_bps: row.get(9)?,
            mark_source: row.get(10)?,
            filled_at_ms: row.get(11)?,
            created_by: row.get(12)?,
        })
    }

    fn parse(self) -> Result<StoredFill> {
        let kind = match self.kind.as_str() {
            "entry" => FillKind::Entry,
            "exit" => FillKind::Exit,
            other => return stored("fill kind", Err(format!("{other:?}"))),
        };
        let mark_source = match self.mark_source.as_str() {
            "given" => MarkSource::Given,
            "latest_close" => MarkSource::LatestClose,
            other => return stored("mark source", Err(format!("{other:?}"))),
        };
        let terms = FillTerms {
            leg_index: stored("leg index", usize::try_from(self.leg_index))?,
            symbol: stored("fill symbol", Symbol::parse(&self.symbol))?,
            kind,
            side: stored("fill side", FillSide::parse(&self.side))?,
            quantity: stored("fill quantity", Quantity::parse(&self.quantity))?,
            price: stored("fill price", Price::parse(&self.price))?,
            fee_bps: stored("fill fee rate", FeeBps::parse(&self.fee_bps))?,
            time_ms: self.filled_at_ms,
            mark_source,
        };
        Ok(StoredFill {
            id: self.id,
            plan_id: self.plan_id,
            account_id: self.account_id,
            created_by: self.created_by,
            fill: stored("fill", Fill::new(terms))?,
        })
    }
}
