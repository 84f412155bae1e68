// Scanners: symbols and ratios in uptrend, with the rule's parameters; a row opens its chart.

import { useState, type FormEvent } from 'react';
import { useCategories, useScan, type ScanKind } from '../api/hooks';
import type { ScanHit, ScanResponse } from '../api/types';
import { DataTable, type Column } from '../components/Table';
import { Card, ErrorState, Field, Loading, Tabs } from '../components/ui';
import { formatPct, formatPercentValue, formatPrice, formatUtc, parseUtcDate } from '../lib/format';
import { navigate } from '../lib/router';
import { useWorkspace } from '../session';
import { INTERVAL_ORDER } from '../lib/intervals';

interface ScanForm {
  interval: string;
  quote_asset: string;
  category: string;
  base: string;
  as_of: string;
  limit: string;
  sma_fast: string;
  sma_slow: string;
  rising_lookback: string;
  score_window: string;
  include_ineligible: boolean;
}

function toQuery(kind: ScanKind, form: ScanForm) {
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const asOf = parseUtcDate(form.as_of);
  return {
    interval: form.interval,
    quote_asset: kind === 'uptrends' ? form.quote_asset || undefined : undefined,
    category: form.category || undefined,
    base: kind === 'ratio-uptrends' ? form.base || undefined : undefined,
    // The end of the chosen day: judge the latest bar that closed by then.
    as_of: asOf === undefined ? undefined : asOf + 86400,
    limit: number(form.limit),
    sma_fast: number(form.sma_fast),
    sma_slow: number(form.sma_slow),
    rising_lookback: number(form.rising_lookback),
    score_window: number(form.score_window),
    include_ineligible: form.include_ineligible || undefined,
  };
}

export function ScannersPage({ params }: { params: URLSearchParams }) {
  const { workspace } = useWorkspace();
  const kind: ScanKind = params.get('tab') === 'ratio' ? 'ratio-uptrends' : 'uptrends';
  const initial: ScanForm = {
    interval: '1d',
    quote_asset: workspace.default_quote_asset,
    category: kind === 'ratio-uptrends' ? 'Layer 1' : '',
    base: '',
    as_of: '',
    limit: '50',
    sma_fast: '50',
    sma_slow: '200',
    rising_lookback: '10',
    score_window: '50',
    include_ineligible: false,
  };
  return (
    <div className="page">
      <h1>Scanners</h1>
      <Tabs
        tabs={[
          { id: 'uptrends', label: 'Uptrends' },
          { id: 'ratio-uptrends', label: 'Ratio uptrends' },
        ]}
        value={kind}
        onChange={(id) => navigate('/scanners', { tab: id === 'ratio-uptrends' ? 'ratio' : undefined })}
      />
      <Scanner key={kind} kind={kind} initial={initial} />
    </div>
  );
}

function Scanner({ kind, initial }: { kind: ScanKind; initial: ScanForm }) {
  const [form, setForm] = useState(initial);
  const [submitted, setSubmitted] = useState(() => toQuery(kind, initial));
  const scan = useScan(kind, submitted, true);
  const categories = useCategories();
  const update = (changes: Partial<ScanForm>) => setForm((current) => ({ ...current, ...changes }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(toQuery(kind, form));
  };
  const text = (name: keyof ScanForm, label: string, props: Record<string, unknown> = {}) => (
    <Field label={label}>
      <input
        name={name}
        value={form[name] as string}
        onChange={(event) => update({ [name]: event.target.value } as Partial<ScanForm>)}
        {...props}
      />
    </Field>
  );
  return (
    <>
      <Card title="Rule">
        <form className="form-row" onSubmit={submit} aria-label="Scanner parameters">
          <Field label="Interval">
            <select name="interval" value={form.interval} onChange={(event) => update({ interval: event.target.value })}>
              {INTERVAL_ORDER.map((interval) => (
                <option key={interval}>{interval}</option>
              ))}
            </select>
          </Field>
          {kind === 'uptrends' && text('quote_asset', 'Quote asset')}
          <Field label="Category">
            <select name="category" value={form.category} onChange={(event) => update({ category: event.target.value })}>
              {kind === 'uptrends' && <option value="">All</option>}
              {(categories.data ?? []).map((category) => (
                <option key={category.name}>{category.name}</option>
              ))}
              {form.category && !categories.data?.some((category) => category.name === form.category) && <option>{form.category}</option>}
            </select>
          </Field>
          {kind === 'ratio-uptrends' && text('base', 'Against (optional)', { placeholder: 'e.g. BTCUSDT' })}
          {text('as_of', 'As of (end of UTC day)', { type: 'date' })}
          {text('sma_fast', 'SMA fast', { type: 'number', min: 1 })}
          {text('sma_slow', 'SMA slow', { type: 'number', min: 2 })}
          {text('rising_lookback', 'Rising lookback', { type: 'number', min: 1 })}
          {text('score_window', 'Score window', { type: 'number', min: 2 })}
          {text('limit', 'Limit', { type: 'number', min: 1, max: 2000 })}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.include_ineligible}
              onChange={(event) => update({ include_ineligible: event.target.checked })}
            />
            List ineligible
          </label>
          <button type="submit" className="primary">
            Scan
          </button>
        </form>
        <p className="muted small">
          In uptrend when close &gt; SMA fast &gt; SMA slow and SMA fast is above its value “rising lookback” bars earlier.
          Score: least-squares slope of ln(close) per bar over the score window × R².
        </p>
      </Card>
      {scan.isPending && <Loading what="the scan" />}
      {scan.isError && <ErrorState error={scan.error} what="the scan" onRetry={() => void scan.refetch()} />}
      {scan.data && <ScanResults kind={kind} result={scan.data} interval={String(submitted.interval)} />}
    </>
  );
}

function ScanResults({ kind, result, interval }: { kind: ScanKind; result: ScanResponse; interval: string }) {
  const ratio = kind === 'ratio-uptrends';
  const columns: Column<ScanHit>[] = [
    {
      key: 'symbol',
      label: ratio ? 'Ratio' : 'Symbol',
      sortValue: (hit) => hit.symbol + (hit.quote_symbol ?? ''),
      render: (hit) => <strong>{hit.quote_symbol ? `${hit.symbol} / ${hit.quote_symbol}` : hit.symbol}</strong>,
    },
    { key: 'close', label: 'Last close', align: 'right', sortValue: (hit) => hit.last_close, render: (hit) => formatPrice(hit.last_close) },
    { key: 'fast', label: `SMA ${result.rule.sma_fast}`, align: 'right', sortValue: (hit) => hit.sma_fast, render: (hit) => formatPrice(hit.sma_fast) },
    { key: 'slow', label: `SMA ${result.rule.sma_slow}`, align: 'right', sortValue: (hit) => hit.sma_slow, render: (hit) => formatPrice(hit.sma_slow) },
    {
      key: 'dist_fast',
      label: 'Above fast',
      align: 'right',
      sortValue: (hit) => hit.distance_above_sma_fast_pct,
      render: (hit) => formatPercentValue(hit.distance_above_sma_fast_pct),
    },
    {
      key: 'dist_slow',
      label: 'Above slow',
      align: 'right',
      sortValue: (hit) => hit.distance_above_sma_slow_pct,
      render: (hit) => formatPercentValue(hit.distance_above_sma_slow_pct),
    },
    { key: 'r7', label: '7 bars', align: 'right', sortValue: (hit) => hit.return_7, render: (hit) => <Signed value={hit.return_7} /> },
    { key: 'r30', label: '30 bars', align: 'right', sortValue: (hit) => hit.return_30, render: (hit) => <Signed value={hit.return_30} /> },
    { key: 'r90', label: '90 bars', align: 'right', sortValue: (hit) => hit.return_90, render: (hit) => <Signed value={hit.return_90} /> },
    { key: 'score', label: 'Score', align: 'right', sortValue: (hit) => hit.score, render: (hit) => hit.score.toFixed(5) },
  ];
  return (
    <Card
      title={`${result.total_hits} in uptrend`}
      actions={
        <span className="muted small" data-testid="scan-summary">
          Bar judged: {formatUtc(result.bar_open_time)} → {formatUtc(result.bar_close_time)} · {result.candidates} candidates,{' '}
          {result.judged} judged · rule {result.rule.sma_fast}/{result.rule.sma_slow}/{result.rule.rising_lookback}/
          {result.rule.score_window}, {result.rule.bars_needed} bars needed
        </span>
      }
    >
      <DataTable
        testId="scan-results"
        rows={result.hits}
        rowKey={(hit) => hit.symbol + '/' + (hit.quote_symbol ?? '')}
        initialSort={{ key: 'score', descending: true }}
        rowTitle="Open the chart"
        onRowClick={(hit) => navigate('/chart', { symbol: hit.symbol, interval, ratio: hit.quote_symbol })}
        columns={columns}
        empty="Nothing is in uptrend at this bar with these parameters."
      />
      {result.ineligible && result.ineligible.length > 0 && (
        <details className="ineligible">
          <summary>{result.ineligible.length} not judged</summary>
          <ul>
            {result.ineligible.map((entry) => (
              <li key={entry.symbol + (entry.quote_symbol ?? '')}>
                {entry.quote_symbol ? `${entry.symbol} / ${entry.quote_symbol}` : entry.symbol}:{' '}
                {entry.reason === 'stale'
                  ? `stale (last close ${formatUtc(entry.last_close_time)})`
                  : `insufficient history (${entry.bars} of ${entry.bars_needed} bars)`}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Card>
  );
}

function Signed({ value }: { value: number | null }) {
  return <span className={value === null ? '' : value > 0 ? 'positive' : value < 0 ? 'negative' : ''}>{formatPct(value, 1, true)}</span>;
}
