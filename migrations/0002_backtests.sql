-- Backtests run in a workspace: the request as given, the engine's report, and a few
-- columns copied out of them for listing. Times are Unix milliseconds (UTC).

CREATE TABLE backtests (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    created_by   TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    -- 'ma_cross', 'buy_and_hold' or 'relative_momentum'.
    strategy     TEXT NOT NULL,
    -- The symbol, or the category of a relative-momentum backtest.
    subject      TEXT NOT NULL,
    interval     TEXT NOT NULL,
    -- JSON: the request as validated, with every default filled in.
    request      TEXT NOT NULL,
    -- JSON: the headline numbers shown in lists (total return, Sharpe, drawdown...).
    summary      TEXT NOT NULL,
    -- JSON: the engine's report (conventions, data range, metrics, curves, trades, rebalances).
    report       TEXT NOT NULL
) STRICT;
CREATE INDEX backtests_by_workspace ON backtests (workspace_id, created_at);
