//! Paper accounts: the default `paper-main` account, created the first time a workspace
//! needs it, and accounts rebuilt by replaying their fills.

use paper_trading::{Account, AccountId, Fill, StartingCash};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::fills::fills_of_account;
use super::{StoredAccount, stored};
use crate::connection::AppStateStore;
use crate::error::{Result, StoreError};
use crate::now_ms;

impl AppStateStore {
    /// The accounts of a workspace, by id, each replayed from its fills. Creates
    /// `paper-main` with `default_starting_cash` (in the workspace's quote asset) when the
    /// workspace does not have it yet.
    pub fn paper_accounts(
        &self,
        workspace_id: &str,
        default_starting_cash: StartingCash,
    ) -> Result<Vec<StoredAccount>> {
        let accounts = self.read(|connection| accounts_of(connection, workspace_id))?;
        if accounts.iter().any(|account| account.account.id().as_str() == AccountId::DEFAULT) {
            return Ok(accounts);
        }
        self.write(|transaction| {
            ensure_default_account(transaction, workspace_id, default_starting_cash)?;
            accounts_of(transaction, workspace_id)
        })
    }

    /// One account of a workspace, replayed from its fills; `NotFound` for an account the
    /// workspace does not have (`paper-main` is created on the way, like
    /// [`Self::paper_accounts`]).
    pub fn paper_account(
        &self,
        workspace_id: &str,
        account_id: &str,
        default_starting_cash: StartingCash,
    ) -> Result<StoredAccount> {
        let found = self.read(|connection| account(connection, workspace_id, account_id))?;
        match found {
            Some(account) => Ok(account),
            None if account_id == AccountId::DEFAULT => self.write(|transaction| {
                ensure_default_account(transaction, workspace_id, default_starting_cash)?;
                account(transaction, workspace_id, account_id)?.ok_or(StoreError::NotFound { what: "workspace" })
            }),
            None => Err(StoreError::NotFound { what: "account" }),
        }
    }
}

/// Creates `paper-main` for the workspace unless it exists; does nothing for a workspace
/// that does not exist.
pub(super) fn ensure_default_account(
    connection: &Connection,
    workspace_id: &str,
    starting_cash: StartingCash,
) -> Result<()> {
    connection.execute(
        "INSERT INTO paper_accounts (workspace_id, id, quote_asset, starting_cash, created_at)
         SELECT id, ?, default_quote_asset, ?, ? FROM workspaces WHERE id = ?
         ON CONFLICT (workspace_id, id) DO NOTHING",
        params![AccountId::DEFAULT, starting_cash.to_string(), now_ms(), workspace_id],
    )?;
    Ok(())
}

/// Whether the workspace has the account.
pub(super) fn account_exists(connection: &Connection, workspace_id: &str, account_id: &str) -> Result<bool> {
    Ok(connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM paper_accounts WHERE workspace_id = ? AND id = ?)",
        params![workspace_id, account_id],
        |row| row.get(0),
    )?)
}

const ACCOUNT_COLUMNS: &str = "workspace_id, id, quote_asset, starting_cash, created_at";

fn accounts_of(connection: &Connection, workspace_id: &str) -> Result<Vec<StoredAccount>> {
    let mut statement = connection
        .prepare_cached(&format!("SELECT {ACCOUNT_COLUMNS} FROM paper_accounts WHERE workspace_id = ? ORDER BY id"))?;
    let rows = statement.query_map([workspace_id], AccountRow::read)?.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|row| row.replay(connection)).collect()
}

pub(super) fn account(connection: &Connection, workspace_id: &str, account_id: &str) -> Result<Option<StoredAccount>> {
    let row = connection
        .query_row(
            &format!("SELECT {ACCOUNT_COLUMNS} FROM paper_accounts WHERE workspace_id = ? AND id = ?"),
            params![workspace_id, account_id],
            AccountRow::read,
        )
        .optional()?;
    row.map(|row| row.replay(connection)).transpose()
}

struct AccountRow {
    workspace_id: String,
    id: String,
    quote_asset: String,
    starting_cash: String,
    created_at_ms: i64,
}

impl AccountRow {
    fn read(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            workspace_id: row.get(0)?,
            id: row.get(1)?,
            quote_asset: row.get(2)?,
            starting_cash: row.get(3)?,
            created_at_ms: row.get(4)?,
        })
    }

    /// Rebuilds the account from its fills.
    fn replay(self, connection: &Connection) -> Result<StoredAccount> {
        let id = stored("account id", AccountId::parse(&self.id))?;
        let starting_cash = stored("starting cash", StartingCash::parse(&self.starting_cash))?;
        let fills: Vec<Fill> =
            fills_of_account(connection, &self.workspace_id, &self.id)?.into_iter().map(|stored| stored.fill).collect();
        let account = stored("account ledger", Account::replay(id, starting_cash, &fills))?;
        Ok(StoredAccount {
            workspace_id: self.workspace_id,
            quote_asset: self.quote_asset,
            created_at_ms: self.created_at_ms,
            account,
        })
    }
}
