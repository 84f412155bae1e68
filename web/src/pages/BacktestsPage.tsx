// Backtests: the forms (ma_cross / buy_and_hold on one symbol, category relative momentum)
// and the workspace's list.

import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { placeError } from '../api/errors';
import { useBacktests, useCategories, useSymbols, workspacePath } from '../api/hooks';
import type { BacktestDetail, BacktestListItem } from '../api/types';
import { DataTable } from '../components/Table';
import { ActionError, Banner, Card, Field, QueryView, Tabs } from '../components/ui';
import { formatNumber, formatPct, formatUtc, formatUtcDate, parseUtcDate, signClass } from '../lib/format';
import { deniedReason } from '../lib/permissions';
import { navigate } from '../lib/router';
import { useWorkspace } from '../session';
import { INTERVAL_ORDER } from '../lib/intervals';

type Kind = 'single' | 'momentum';

export function BacktestsPage({ params }: { params: URLSearchParams }) {
  const { workspace, role, allows } = useWorkspace();
  const kind: Kind = params.get('kind') === 'momentum' ? 'momentum' : 'single';
  const research = allows('research');
  return (
    <div className="page">
      <h1>Backtests</h1>
      <div className="grid backtests-grid">
        <Card title="New backtest">
          <Tabs
            tabs={[
              { id: 'single', label: 'MA cross / buy & hold' },
              { id: 'momentum', label: 'Category relative momentum' },
            ]}
            value={kind}
            onChange={(id) => navigate('/backtests', { kind: id === 'momentum' ? 'momentum' : undefined }, true)}
          />
          {!research && (
            <Banner kind="locked">
              <span data-testid="backtest-locked">{deniedReason(role, 'research')}</span>
            </Banner>
          )}
          {kind === 'single' ? <SingleSymbolForm disabled={!research} /> : <MomentumForm disabled={!research} />}
        </Card>
        <Card title={`Backtests in ${workspace.name}`}>
          <BacktestList />
        </Card>
      </div>
    </div>
  );
}

function BacktestList() {
  const { workspace } = useWorkspace();
  const backtests = useBacktests(workspace.id);
  return (
    <QueryView query={backtests} what="backtests">
      {(list) => (
        <DataTable<BacktestListItem>
          testId="backtest-list"
          rows={list}
          rowKey={(item) => item.id}
          onRowClick={(item) => navigate(`/backtests/${item.id}`)}
          rowTitle="Open the result"
          empty="No backtest yet in this workspace."
          columns={[
            { key: 'created', label: 'Run at (UTC)', sortValue: (item) => item.created_at, render: (item) => formatUtc(item.created_at, false) },
            { key: 'strategy', label: 'Strategy', sortValue: (item) => item.strategy_id, render: (item) => item.strategy_id },
            { key: 'subject', label: 'Subject', sortValue: (item) => item.subject, render: (item) => `${item.subject} · ${item.interval}` },
            {
              key: 'range',
              label: 'Bars',
              render: (item) =>
                item.summary?.first_open_time
                  ? `${formatUtcDate(item.summary.first_open_time)} → ${formatUtcDate(item.summary.last_close_time)}`
                  : '—',
            },
            {
              key: 'return',
              label: 'Return',
              align: 'right',
              sortValue: (item) => item.summary?.total_return,
              render: (item) => (
                <span className={signClass(item.summary?.total_return)}>{formatPct(item.summary?.total_return, 1, true)}</span>
              ),
            },
            {
              key: 'benchmark',
              label: 'Benchmark',
              align: 'right',
              sortValue: (item) => item.summary?.benchmark_total_return,
              render: (item) => formatPct(item.summary?.benchmark_total_return, 1, true),
            },
            { key: 'sharpe', label: 'Sharpe', align: 'right', sortValue: (item) => item.summary?.sharpe, render: (item) => formatNumber(item.summary?.sharpe, 2) },
            { key: 'dd', label: 'Max DD', align: 'right', sortValue: (item) => item.summary?.max_drawdown, render: (item) => formatPct(item.summary?.max_drawdown, 1) },
            { key: 'trades', label: 'Trades', align: 'right', sortValue: (item) => item.summary?.trade_count, render: (item) => item.summary?.trade_count ?? '—' },
          ]}
        />
      )}
    </QueryView>
  );
}

const CODE_FIELDS = {
  unknown_symbol: 'symbol',
  invalid_symbol: 'symbol',
  unknown_category: 'category',
  unknown_strategy: 'strategy_id',
  invalid_interval: 'interval',
  invalid_range: 'from',
  no_candles: 'interval',
};

function useRunBacktest(path: string) {
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<BacktestDetail>(`${workspacePath(workspace.id)}${path}`, { method: 'POST', body }),
    onSuccess: (detail) => {
      queryClient.setQueryData(['ws', workspace.id, 'backtest', detail.id], detail);
      void queryClient.invalidateQueries({ queryKey: ['ws', workspace.id, 'backtests'] });
      navigate(`/backtests/${detail.id}`);
    },
  });
}

const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
const date = (text: string) => parseUtcDate(text);

interface Costs {
  fee_bps: string;
  slippage_bps: string;
  fill_at: string;
}

function CostFields({ costs, set, errors }: { costs: Costs; set: (costs: Partial<Costs>) => void; errors: Record<string, string> }) {
  return (
    <>
      <Field label="Fee (bps per side)" error={errors.fee_bps} hint="10 = 0.10 % of notional">
        <input name="fee_bps" type="number" step="any" min={0} value={costs.fee_bps} onChange={(e) => set({ fee_bps: e.target.value })} />
      </Field>
      <Field label="Slippage (bps)" error={errors.slippage_bps}>
        <input name="slippage_bps" type="number" step="any" min={0} value={costs.slippage_bps} onChange={(e) => set({ slippage_bps: e.target.value })} />
      </Field>
      <Field label="Fill at" error={errors.fill_at}>
        <select name="fill_at" value={costs.fill_at} onChange={(e) => set({ fill_at: e.target.value })}>
          <option value="next_open">next bar's open</option>
          <option value="close">this bar's close</option>
        </select>
      </Field>
    </>
  );
}

function IntervalField({
  interval,
  setInterval,
  error,
}: {
  interval: string;
  setInterval: (value: string) => void;
  error?: string;
}) {
  return (
    <Field label="Interval" error={error}>
      <select name="interval" value={interval} onChange={(e) => setInterval(e.target.value)}>
        {INTERVAL_ORDER.map((candidate) => (
          <option key={candidate}>{candidate}</option>
        ))}
      </select>
    </Field>
  );
}

function CapitalField({ capital, setCapital, error }: { capital: string; setCapital: (value: string) => void; error?: string }) {
  return (
    <Field label="Initial capital" error={error}>
      <input name="initial_capital" type="number" step="any" value={capital} onChange={(e) => setCapital(e.target.value)} required />
    </Field>
  );
}

function RangeFields({
  from,
  to,
  setFrom,
  setTo,
  errors,
}: {
  from: string;
  to: string;
  setFrom: (value: string) => void;
  setTo: (value: string) => void;
  errors: Record<string, string>;
}) {
  return (
    <>
      <Field label="From (UTC date, inclusive)" error={errors.from} hint="Empty: the first candle">
        <input name="from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </Field>
      <Field label="To (UTC date, exclusive)" error={errors.to} hint="Empty: after the last candle">
        <input name="to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </Field>
    </>
  );
}

function FormShell({
  disabled,
  onSubmit,
  pending,
  unplaced,
  children,
  label,
}: {
  disabled: boolean;
  onSubmit: () => void;
  pending: boolean;
  unplaced: unknown;
  children: ReactNode;
  label: string;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!disabled) onSubmit();
  };
  return (
    <form className="form" onSubmit={submit} aria-label={label}>
      <fieldset disabled={disabled} className="form-grid">
        {children}
      </fieldset>
      {unplaced ? <ActionError error={unplaced} /> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={disabled || pending}>
          {pending ? 'Running…' : 'Run backtest'}
        </button>
      </div>
    </form>
  );
}

function SingleSymbolForm({ disabled }: { disabled: boolean }) {
  const symbols = useSymbols();
  const [strategy, setStrategy] = useState<'ma_cross' | 'buy_and_hold'>('ma_cross');
  const [symbol, setSymbol] = useState('BTCUSDT');
  const [interval, setInterval] = useState('1d');
  const [from, setFrom] = useState('2020-01-01');
  const [to, setTo] = useState('2025-01-01');
  const [capital, setCapital] = useState('10000');
  const [fast, setFast] = useState('20');
  const [slow, setSlow] = useState('50');
  const [maType, setMaType] = useState('sma');
  const [allowShort, setAllowShort] = useState(false);
  const [costs, setCosts] = useState<Costs>({ fee_bps: '10', slippage_bps: '0', fill_at: 'next_open' });
  const run = useRunBacktest('/backtests');
  const placed = placeError(
    run.error,
    ['strategy_id', 'symbol', 'interval', 'from', 'to', 'initial_capital', 'params', 'params.fast', 'params.slow', 'params.ma_type', 'fee_bps', 'slippage_bps', 'fill_at', 'fast', 'slow'],
    CODE_FIELDS,
  );
  const errors = placed.fields;
  const submit = () =>
    run.mutate({
      strategy_id: strategy,
      symbol: symbol.trim().toUpperCase(),
      interval,
      from: date(from),
      to: date(to),
      initial_capital: number(capital),
      params: strategy === 'ma_cross' ? { fast: number(fast), slow: number(slow), ma_type: maType, allow_short: allowShort } : undefined,
      fee_bps: number(costs.fee_bps),
      slippage_bps: number(costs.slippage_bps),
      fill_at: costs.fill_at,
    });
  return (
    <FormShell disabled={disabled} onSubmit={submit} pending={run.isPending} unplaced={placed.unplaced} label="Single-symbol backtest">
      <Field label="Strategy" error={errors.strategy_id}>
        <select name="strategy_id" value={strategy} onChange={(e) => setStrategy(e.target.value as typeof strategy)}>
          <option value="ma_cross">ma_cross</option>
          <option value="buy_and_hold">buy_and_hold</option>
        </select>
      </Field>
      <Field label="Symbol" error={errors.symbol}>
        <input name="symbol" list="backtest-symbols" value={symbol} onChange={(e) => setSymbol(e.target.value)} required />
        <datalist id="backtest-symbols">
          {(symbols.data ?? []).map((info) => (
            <option key={info.symbol} value={info.symbol} />
          ))}
        </datalist>
      </Field>
      <IntervalField interval={interval} setInterval={setInterval} error={errors.interval} />
      <RangeFields from={from} to={to} setFrom={setFrom} setTo={setTo} errors={errors} />
      <CapitalField capital={capital} setCapital={setCapital} error={errors.initial_capital} />
      {strategy === 'ma_cross' && (
        <>
          <Field label="Fast MA" error={errors['params.fast'] ?? errors.fast}>
            <input name="fast" type="number" min={1} value={fast} onChange={(e) => setFast(e.target.value)} />
          </Field>
          <Field label="Slow MA" error={errors['params.slow'] ?? errors.slow ?? errors.params}>
            <input name="slow" type="number" min={2} value={slow} onChange={(e) => setSlow(e.target.value)} />
          </Field>
          <Field label="MA type" error={errors['params.ma_type']}>
            <select name="ma_type" value={maType} onChange={(e) => setMaType(e.target.value)}>
              <option value="sma">SMA</option>
              <option value="ema">EMA</option>
            </select>
          </Field>
          <label className="checkbox">
            <input name="allow_short" type="checkbox" checked={allowShort} onChange={(e) => setAllowShort(e.target.checked)} /> Allow short
          </label>
        </>
      )}
      <CostFields costs={costs} set={(changes) => setCosts((current) => ({ ...current, ...changes }))} errors={errors} />
    </FormShell>
  );
}

function MomentumForm({ disabled }: { disabled: boolean }) {
  const { workspace } = useWorkspace();
  const categories = useCategories();
  const [category, setCategory] = useState('Layer 1');
  const [interval, setInterval] = useState('1d');
  const [quote, setQuote] = useState(workspace.default_quote_asset);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [capital, setCapital] = useState('10000');
  const [longCount, setLongCount] = useState('2');
  const [shortCount, setShortCount] = useState('2');
  const [lookback, setLookback] = useState('30');
  const [rebalance, setRebalance] = useState('7');
  const [costs, setCosts] = useState<Costs>({ fee_bps: '10', slippage_bps: '0', fill_at: 'next_open' });
  const run = useRunBacktest('/backtests/category-relative-momentum');
  const placed = placeError(
    run.error,
    ['category', 'interval', 'quote_asset', 'from', 'to', 'initial_capital', 'long_count', 'short_count', 'lookback', 'rebalance_every', 'fee_bps', 'slippage_bps', 'fill_at'],
    { ...CODE_FIELDS, universe_too_small: 'long_count' },
  );
  const errors = placed.fields;
  const submit = () =>
    run.mutate({
      category,
      strategy: 'relative_momentum',
      interval,
      quote_asset: quote || undefined,
      from: date(from),
      to: date(to),
      initial_capital: number(capital),
      long_count: number(longCount),
      short_count: number(shortCount),
      lookback: number(lookback),
      rebalance_every: number(rebalance),
      fee_bps: number(costs.fee_bps),
      slippage_bps: number(costs.slippage_bps),
      fill_at: costs.fill_at,
    });
  return (
    <FormShell disabled={disabled} onSubmit={submit} pending={run.isPending} unplaced={placed.unplaced} label="Relative momentum backtest">
      <Field label="Category" error={errors.category}>
        <select name="category" value={category} onChange={(e) => setCategory(e.target.value)}>
          {(categories.data ?? [{ name: category, symbols_with_data: [] as string[] }]).map((entry) => (
            <option key={entry.name} value={entry.name}>
              {entry.name} ({entry.symbols_with_data.length} with data)
            </option>
          ))}
        </select>
      </Field>
      <IntervalField interval={interval} setInterval={setInterval} error={errors.interval} />
      <Field label="Quote asset" error={errors.quote_asset}>
        <input name="quote_asset" value={quote} onChange={(e) => setQuote(e.target.value.toUpperCase())} />
      </Field>
      <RangeFields from={from} to={to} setFrom={setFrom} setTo={setTo} errors={errors} />
      <CapitalField capital={capital} setCapital={setCapital} error={errors.initial_capital} />
      <Field label="Long count" error={errors.long_count} hint="Strongest symbols held long">
        <input name="long_count" type="number" min={0} value={longCount} onChange={(e) => setLongCount(e.target.value)} required />
      </Field>
      <Field label="Short count" error={errors.short_count} hint="Weakest symbols held short">
        <input name="short_count" type="number" min={0} value={shortCount} onChange={(e) => setShortCount(e.target.value)} required />
      </Field>
      <Field label="Lookback (bars)" error={errors.lookback}>
        <input name="lookback" type="number" min={1} value={lookback} onChange={(e) => setLookback(e.target.value)} />
      </Field>
      <Field label="Rebalance every (bars)" error={errors.rebalance_every}>
        <input name="rebalance_every" type="number" min={1} value={rebalance} onChange={(e) => setRebalance(e.target.value)} />
      </Field>
      <CostFields costs={costs} set={(changes) => setCosts((current) => ({ ...current, ...changes }))} errors={errors} />
    </FormShell>
  );
}
