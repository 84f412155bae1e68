// One backtest: metric cards, equity against the benchmark, drawdown, trades (and their
// markers on the candles), rebalances, and CSV downloads.

import { useMemo } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { useBacktest, useCandles, workspacePath } from '../api/hooks';
import type { BacktestDetail, BacktestTrade, EquityPoint, Rebalance, RebalancesResponse } from '../api/types';
import { CandleChart, COLORS, LinesChart, type TradeMarker } from '../components/charts';
import { DataTable } from '../components/Table';
import { ActionError, Card, ErrorState, Loading, Metric, QueryView } from '../components/ui';
import { downloadText, equityCsv, tradesCsv } from '../lib/csv';
import { formatNumber, formatPct, formatPrice, formatUtc, formatUtcDate, signClass } from '../lib/format';
import { href, navigate } from '../lib/router';
import { useWorkspace } from '../session';

export function BacktestResultPage({ id }: { id: string }) {
  const { workspace } = useWorkspace();
  const { detail, equity, trades, rebalances } = useBacktest(workspace.id, id);
  return (
    <div className="page">
      <a className="back" href={href('/backtests')}>
        ← Backtests
      </a>
      <QueryView query={detail} what="the backtest">
        {(data) => (
          <>
            <ResultHeader detail={data} equity={equity.data} trades={trades.data} />
            <Metrics detail={data} />
            <Card title="Equity vs benchmark">
              <QueryView query={equity} what="the equity curve">
                {(points) => <EquityCharts points={points} benchmark={data.benchmark.kind} />}
              </QueryView>
            </Card>
            {data.strategy_id !== 'relative_momentum' && (
              <Card title={`Trades on ${data.subject} · ${data.interval}`}>
                <TradeChart detail={data} trades={trades.data} />
              </Card>
            )}
            <Card title={`Trades (${data.trade_count})`}>
              <QueryView query={trades} what="the trades">
                {(list) => <TradesTable trades={list} />}
              </QueryView>
            </Card>
            {data.strategy_id === 'relative_momentum' && (
              <Card title={`Rebalances (${data.rebalance_count})`}>
                <QueryView query={rebalances} what="the rebalances">
                  {(result) => <RebalancesTable result={result} />}
                </QueryView>
              </Card>
            )}
            <Card title="Conventions">
              <p className="muted small">
                Capital {formatNumber(data.conventions.initial_capital, 2)}, fill at {data.conventions.fill_at}, fee{' '}
                {data.conventions.fee_bps} bps, slippage {data.conventions.slippage_bps} bps, {data.conventions.periods_per_year}{' '}
                periods per year, risk-free rate {data.conventions.risk_free_rate}.
              </p>
              <ul className="rules">
                {data.conventions.rules.map((rule) => (
                  <li key={rule}>{rule}</li>
                ))}
              </ul>
            </Card>
          </>
        )}
      </QueryView>
    </div>
  );
}

function ResultHeader({ detail, equity, trades }: { detail: BacktestDetail; equity?: EquityPoint[]; trades?: BacktestTrade[] }) {
  const { workspace, allows } = useWorkspace();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api<void>(`${workspacePath(workspace.id)}/backtests/${encodeURIComponent(detail.id)}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['ws', workspace.id, 'backtests'] });
      navigate('/backtests');
    },
  });
  const params = detail.strategy.params ? Object.entries(detail.strategy.params).map(([key, value]) => `${key}=${String(value)}`) : [];
  const stem = `${detail.strategy_id}-${detail.subject.replace(/\W+/g, '_')}-${detail.interval}-${detail.id}`;
  return (
    <div className="result-header">
      <div>
        <h1 data-testid="backtest-title">
          {detail.strategy_id} · {detail.subject} · {detail.interval}
        </h1>
        <div className="muted small">
          {params.join(', ')} · bars {formatUtc(detail.data_range.first_open_time)} → {formatUtc(detail.data_range.last_close_time)} (
          {detail.data_range.bar_count} bars{detail.data_range.symbols.length > 1 ? `, ${detail.data_range.symbols.length} symbols` : ''}) · run{' '}
          {formatUtc(detail.created_at)}
        </div>
      </div>
      <div className="row">
        <button type="button" className="secondary" disabled={!equity} onClick={() => equity && downloadText(`${stem}-equity.csv`, equityCsv(equity))}>
          Download equity CSV
        </button>
        <button type="button" className="secondary" disabled={!trades} onClick={() => trades && downloadText(`${stem}-trades.csv`, tradesCsv(trades))}>
          Download trades CSV
        </button>
        {allows('research') && (
          <button
            type="button"
            className="danger"
            disabled={remove.isPending}
            onClick={() => window.confirm('Delete this backtest?') && remove.mutate()}
          >
            Delete
          </button>
        )}
      </div>
      {remove.error && <ActionError error={remove.error} />}
    </div>
  );
}

function Metrics({ detail }: { detail: BacktestDetail }) {
  const m = detail.metrics;
  const period = m.max_drawdown_period;
  return (
    <div className="metrics" data-testid="metrics">
      <Metric label="Total return" value={formatPct(m.total_return, 2, true)} tone={signClass(m.total_return)} />
      <Metric
        label="Benchmark return"
        value={
          <>
            {formatPct(detail.benchmark.total_return, 2, true)}
            <span className="metric-note">{detail.benchmark.kind.replace(/_/g, ' ')}</span>
          </>
        }
        tone={signClass(detail.benchmark.total_return)}
      />
      <Metric label="Final equity" value={formatNumber(m.final_equity, 2)} />
      <Metric label="CAGR" value={formatPct(m.cagr)} tone={signClass(m.cagr)} />
      <Metric label="Volatility" value={formatPct(m.volatility)} />
      <Metric label="Sharpe" value={formatNumber(m.sharpe, 2)} />
      <Metric label="Sortino" value={formatNumber(m.sortino, 2)} />
      <Metric
        label="Max drawdown"
        value={
          <>
            {formatPct(m.max_drawdown)}
            {period && (
              <span className="metric-note">
                {formatUtcDate(period.peak_time)} → {formatUtcDate(period.trough_time)}
                {period.recovery_time ? `, back ${formatUtcDate(period.recovery_time)}` : ', not recovered'}
              </span>
            )}
          </>
        }
        tone="negative"
      />
      <Metric label="Calmar" value={formatNumber(m.calmar, 2)} />
      <Metric label="Trades" value={m.trade_count} />
      <Metric label="Win rate" value={formatPct(m.win_rate, 1)} />
      <Metric label="Profit factor" value={formatNumber(m.profit_factor, 2)} />
      <Metric label="Avg trade" value={formatPct(m.average_trade_return, 2, true)} tone={signClass(m.average_trade_return)} />
      <Metric label="Exposure" value={formatPct(m.exposure, 1)} />
      <Metric label="Turnover" value={formatNumber(m.turnover, 2)} />
      <Metric label="Fees paid" value={formatNumber(m.fees_paid, 2)} />
      <Metric label="Slippage paid" value={formatNumber(m.slippage_paid, 2)} />
    </div>
  );
}

function EquityCharts({ points, benchmark }: { points: EquityPoint[]; benchmark: string }) {
  const equityLines = useMemo(
    () => [
      { name: 'Strategy equity', color: COLORS.equity, points: points.map((point) => ({ time: point.time, value: point.equity })) },
      { name: `Benchmark (${benchmark})`, color: COLORS.benchmark, points: points.map((point) => ({ time: point.time, value: point.benchmark_equity })) },
    ],
    [points, benchmark],
  );
  const drawdownLines = useMemo(
    () => [
      {
        name: 'Drawdown',
        color: COLORS.drawdown,
        area: true,
        points: points.map((point) => ({ time: point.time, value: -point.drawdown })),
      },
    ],
    [points],
  );
  if (points.length === 0) return <p className="muted">The backtest has no equity points.</p>;
  return (
    <>
      <LinesChart lines={equityLines} height={300} testId="equity-chart" />
      <h3 className="subhead">Drawdown</h3>
      <LinesChart lines={drawdownLines} height={160} testId="drawdown-chart" percent />
    </>
  );
}

function TradeChart({ detail, trades }: { detail: BacktestDetail; trades?: BacktestTrade[] }) {
  const candles = useCandles(detail.subject, detail.interval, {
    from: detail.data_range.first_open_time,
    to: detail.data_range.last_close_time,
    limit: 5000,
  });
  const markers = useMemo<TradeMarker[]>(
    () =>
      (trades ?? []).flatMap((trade) => {
        const long = trade.side === 'long';
        return [
          { time: trade.entry_time, kind: long ? 'buy' : 'sell', text: long ? 'Buy' : 'Short' },
          { time: trade.exit_time, kind: long ? 'sell' : 'buy', text: trade.closed_at_end ? 'End' : long ? 'Sell' : 'Cover' },
        ] as TradeMarker[];
      }),
    [trades],
  );
  if (candles.isPending) return <Loading what="candles" />;
  if (candles.isError) return <ErrorState error={candles.error} what="candles" onRetry={() => void candles.refetch()} />;
  return <CandleChart candles={candles.data.candles} markers={markers} height={360} testId="trade-chart" />;
}

function TradesTable({ trades }: { trades: BacktestTrade[] }) {
  return (
    <DataTable<BacktestTrade>
      testId="trades-table"
      rows={trades}
      rowKey={(trade, index) => `${trade.symbol}-${trade.entry_time}-${index}`}
      empty="No trades: the strategy never entered a position."
      columns={[
        { key: 'symbol', label: 'Symbol', sortValue: (t) => t.symbol, render: (t) => t.symbol },
        { key: 'side', label: 'Side', sortValue: (t) => t.side, render: (t) => <span className={t.side === 'long' ? 'positive' : 'negative'}>{t.side}</span> },
        { key: 'entry', label: 'Entry (UTC)', sortValue: (t) => t.entry_time, render: (t) => formatUtc(t.entry_time, false) },
        { key: 'entry_price', label: 'Entry price', align: 'right', render: (t) => formatPrice(t.entry_price) },
        { key: 'exit', label: 'Exit (UTC)', sortValue: (t) => t.exit_time, render: (t) => formatUtc(t.exit_time, false) + (t.closed_at_end ? ' (end)' : '') },
        { key: 'exit_price', label: 'Exit price', align: 'right', render: (t) => formatPrice(t.exit_price) },
        { key: 'quantity', label: 'Quantity', align: 'right', render: (t) => formatNumber(t.quantity, 6) },
        { key: 'fees', label: 'Fees', align: 'right', sortValue: (t) => t.fees, render: (t) => formatNumber(t.fees, 2) },
        { key: 'pnl', label: 'P&L', align: 'right', sortValue: (t) => t.pnl, render: (t) => <span className={signClass(t.pnl)}>{formatNumber(t.pnl, 2)}</span> },
        {
          key: 'return',
          label: 'Return',
          align: 'right',
          sortValue: (t) => t.trade_return,
          render: (t) => <span className={signClass(t.trade_return)}>{formatPct(t.trade_return, 2, true)}</span>,
        },
      ]}
    />
  );
}

function RebalancesTable({ result }: { result: RebalancesResponse }) {
  const ranked = (list: Rebalance['longs']) =>
    list.map((entry) => `${entry.symbol} ${formatPct(entry.score, 1, true)} (w ${formatNumber(entry.weight, 3)})`).join(', ') || '—';
  return (
    <>
      <DataTable<Rebalance>
        testId="rebalances-table"
        rows={result.rebalances}
        rowKey={(rebalance) => String(rebalance.decision_time)}
        empty="No rebalance happened."
        columns={[
          { key: 'decision', label: 'Decision (UTC)', sortValue: (r) => r.decision_time, render: (r) => formatUtc(r.decision_time, false) },
          { key: 'fill', label: 'Fill (UTC)', render: (r) => formatUtc(r.fill_time, false) },
          { key: 'eligible', label: 'Eligible', align: 'right', sortValue: (r) => r.eligible_count, render: (r) => r.eligible_count },
          { key: 'longs', label: 'Longs (score, weight)', render: (r) => ranked(r.longs) },
          { key: 'shorts', label: 'Shorts (score, weight)', render: (r) => ranked(r.shorts) },
          { key: 'equity', label: 'Equity at fill', align: 'right', sortValue: (r) => r.equity_at_fill, render: (r) => formatNumber(r.equity_at_fill, 2) },
          { key: 'turnover', label: 'Turnover', align: 'right', sortValue: (r) => r.turnover, render: (r) => formatPct(r.turnover, 1) },
          { key: 'costs', label: 'Fees + slippage', align: 'right', sortValue: (r) => r.fees + r.slippage, render: (r) => formatNumber(r.fees + r.slippage, 2) },
          { key: 'untraded', label: 'Untraded', render: (r) => r.untraded_symbols.join(', ') || '—' },
        ]}
      />
      {result.skipped.length > 0 && (
        <p className="muted small">
          {result.skipped.length} scheduled rebalances were skipped (too few eligible symbols); positions were kept.
        </p>
      )}
    </>
  );
}
