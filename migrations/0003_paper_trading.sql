-- Paper trading: accounts, trade plans with their fills, orders, and the idempotency keys
-- of order creation. Exact decimals (quantities, prices, fees, cash) are TEXT in plain
-- decimal notation, never REAL. Times are Unix milliseconds (UTC).

-- A workspace's paper accounts. `paper-main` is created the first time it is needed, with
-- the server's configured starting cash in the workspace's default quote asset. Cash and
-- positions are not stored: they are the replay of the account's fills.
CREATE TABLE paper_accounts (
    workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    id            TEXT NOT NULL,
    quote_asset   TEXT NOT NULL,
    starting_cash TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, id)
) STRICT;

-- Trade plans. `plan` is the validated plan as JSON (it reads back through the same
-- checks); the status is the lifecycle state, changed only by conditional updates.
CREATE TABLE trade_plans (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    account_id   TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('planned', 'open', 'closed', 'cancelled')),
    plan         TEXT NOT NULL,
    created_by   TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    FOREIGN KEY (workspace_id, account_id) REFERENCES paper_accounts (workspace_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX trade_plans_by_workspace ON trade_plans (workspace_id, created_at);

-- Paper fills: one per leg per paper-open (`entry`) and paper-close (`exit`). `seq` is the
-- order the account replays them in. `notional` and `fee` are derived from the other
-- columns and kept for readers; the application recomputes them on reading.
CREATE TABLE paper_fills (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    plan_id      TEXT NOT NULL REFERENCES trade_plans (id) ON DELETE CASCADE,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    account_id   TEXT NOT NULL,
    leg_index    INTEGER NOT NULL CHECK (leg_index >= 0),
    kind         TEXT NOT NULL CHECK (kind IN ('entry', 'exit')),
    symbol       TEXT NOT NULL,
    side         TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
    quantity     TEXT NOT NULL,
    price        TEXT NOT NULL,
    fee_bps      TEXT NOT NULL,
    notional     TEXT NOT NULL,
    fee          TEXT NOT NULL,
    mark_source  TEXT NOT NULL CHECK (mark_source IN ('given', 'latest_close')),
    filled_at    INTEGER NOT NULL,
    created_by   TEXT REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (plan_id, leg_index, kind),
    FOREIGN KEY (workspace_id, account_id) REFERENCES paper_accounts (workspace_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX paper_fills_by_account ON paper_fills (workspace_id, account_id, seq);

-- Orders: recorded for a future execution layer, never sent anywhere.
CREATE TABLE paper_orders (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    symbol       TEXT NOT NULL,
    side         TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
    quantity     TEXT NOT NULL,
    order_type   TEXT NOT NULL CHECK (order_type IN ('market', 'limit')),
    limit_price  TEXT,
    status       TEXT NOT NULL CHECK (status IN ('accepted', 'cancelled')),
    created_by   TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    CHECK ((order_type = 'limit') = (limit_price IS NOT NULL))
) STRICT;
CREATE INDEX paper_orders_by_workspace ON paper_orders (workspace_id, created_at);

-- Idempotency keys of order creation, scoped to (user, workspace, key). The key is claimed
-- in the transaction that writes the order, with the request's fingerprint and the
-- response that was sent, which a retry with the same request gets again. Kept at least
-- 24 hours; older rows are purged when new keys are written.
CREATE TABLE idempotency_keys (
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    workspace_id    TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    key             TEXT NOT NULL,
    fingerprint     TEXT NOT NULL,
    order_id        TEXT REFERENCES paper_orders (id) ON DELETE CASCADE,
    response_status INTEGER NOT NULL,
    response_body   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (user_id, workspace_id, key)
) STRICT;
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
