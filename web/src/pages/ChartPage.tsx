// The chart workspace: symbol search by name and category, interval, candles with volume
// and moving averages, the ratio of two symbols, and the coverage of the chosen series.

import { useMemo, useState } from 'react';
import { useCandles, useCategories, useRatios, useSymbols } from '../api/hooks';
import type { Coverage, SymbolInfo } from '../api/types';
import { CandleChart, COLORS, LinesChart, type Overlay } from '../components/charts';
import { Card, ErrorState, Loading, QueryView } from '../components/ui';
import { formatNumber, formatPrice, formatUtc } from '../lib/format';
import { sma } from '../lib/indicators';
import { byInterval } from '../lib/intervals';
import { navigate } from '../lib/router';

const MA_PERIODS = [20, 50, 200];

export function ChartPage({ params }: { params: URLSearchParams }) {
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState('');
  const [mas, setMas] = useState<number[]>([50]);
  const symbols = useSymbols();
  const categories = useCategories();

  const all = symbols.data ?? [];
  const symbol = params.get('symbol') ?? (all.some((info) => info.symbol === 'BTCUSDT') ? 'BTCUSDT' : all[0]?.symbol);
  const info = all.find((entry) => entry.symbol === symbol);
  const intervals = (info?.coverage ?? []).map((coverage) => coverage.interval).sort(byInterval);
  const interval = params.get('interval') ?? (intervals.includes('1d') ? '1d' : intervals[0]) ?? '1d';
  const ratio = params.get('ratio') ?? '';

  const set = (changes: Record<string, string | undefined>) =>
    navigate('/chart', { symbol, interval, ratio: ratio || undefined, ...changes }, true);

  const filtered = useMemo(() => {
    const needle = search.trim().toUpperCase();
    return all.filter(
      (entry) =>
        (!needle || entry.symbol.includes(needle) || entry.base_asset.includes(needle)) &&
        (!category || entry.categories.includes(category)),
    );
  }, [all, search, category]);

  return (
    <div className="chart-layout">
      <aside className="sidebar" aria-label="Symbols">
        <input
          type="search"
          placeholder="Search symbol…"
          aria-label="Search symbols"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <select aria-label="Category" value={category} onChange={(event) => setCategory(event.target.value)}>
          <option value="">All categories</option>
          {(categories.data ?? []).map((entry) => (
            <option key={entry.name} value={entry.name}>
              {entry.name} ({entry.symbols_with_data.length})
            </option>
          ))}
        </select>
        {categories.isError && <ErrorState error={categories.error} what="categories" onRetry={() => void categories.refetch()} />}
        {symbols.isPending && <Loading what="symbols" />}
        {symbols.isSuccess && (
          <ul className="symbol-list" data-testid="symbol-list">
            {filtered.map((entry) => (
              <li key={entry.symbol}>
                <button
                  type="button"
                  className={entry.symbol === symbol ? 'active' : undefined}
                  onClick={() => set({ symbol: entry.symbol, interval: pickInterval(entry, interval) })}
                >
                  <span>{entry.symbol}</span>
                  <span className="muted small">{entry.categories.join(', ')}</span>
                </button>
              </li>
            ))}
            {filtered.length === 0 && <li className="muted">No symbol matches.</li>}
          </ul>
        )}
      </aside>
      <section className="chart-main">
        {symbols.isError && <ErrorState error={symbols.error} what="symbols" onRetry={() => void symbols.refetch()} />}
        {symbols.isSuccess && !info && symbol && (
          <ErrorState error={new Error(`${symbol} has no market data.`)} what="this symbol" />
        )}
        {symbols.isSuccess && !symbol && <p className="muted">No market data is loaded yet.</p>}
        {info && (
          <>
            <div className="toolbar">
              <h1 data-testid="chart-symbol">{info.symbol}</h1>
              <div className="segmented" role="group" aria-label="Interval">
                {intervals.map((candidate) => (
                  <button
                    key={candidate}
                    type="button"
                    className={candidate === interval ? 'active' : undefined}
                    aria-pressed={candidate === interval}
                    onClick={() => set({ interval: candidate })}
                  >
                    {candidate}
                  </button>
                ))}
              </div>
              <div className="segmented" role="group" aria-label="Moving averages">
                {MA_PERIODS.map((period) => (
                  <button
                    key={period}
                    type="button"
                    aria-pressed={mas.includes(period)}
                    className={mas.includes(period) ? 'active' : undefined}
                    onClick={() => setMas((current) => (current.includes(period) ? current.filter((p) => p !== period) : [...current, period]))}
                  >
                    MA{period}
                  </button>
                ))}
              </div>
              <label className="inline">
                <span className="muted">Ratio vs</span>
                <select aria-label="Ratio against" value={ratio} onChange={(event) => set({ ratio: event.target.value || undefined })}>
                  <option value="">none</option>
                  {all
                    .filter((entry) => entry.symbol !== info.symbol && entry.coverage.some((c) => c.interval === interval))
                    .map((entry) => (
                      <option key={entry.symbol} value={entry.symbol}>
                        {entry.symbol}
                      </option>
                    ))}
                </select>
              </label>
            </div>
            <CandlesPanel symbol={info.symbol} interval={interval} mas={mas} />
            <CoverageTable coverage={info.coverage.find((entry) => entry.interval === interval)} symbol={info.symbol} />
            {ratio && <RatioPanel base={info.symbol} quote={ratio} interval={interval} />}
          </>
        )}
      </section>
    </div>
  );
}

function CandlesPanel({ symbol, interval, mas }: { symbol: string; interval: string; mas: number[] }) {
  const candles = useCandles(symbol, interval, { limit: 1500 });
  const list = candles.data?.candles;
  const overlays = useMemo<Overlay[]>(() => {
    if (!list) return [];
    const closes = list.map((candle) => candle.close);
    // Each period keeps its colour whichever others are on.
    return [...mas].sort((a, b) => a - b).map((period) => ({
      name: `MA${period}`,
      color: COLORS.lines[MA_PERIODS.indexOf(period) % COLORS.lines.length],
      values: sma(closes, period),
    }));
  }, [list, mas]);
  if (candles.isPending) return <Loading what="candles" />;
  if (candles.isError) return <ErrorState error={candles.error} what="candles" onRetry={() => void candles.refetch()} />;
  const last = candles.data.candles.at(-1);
  return (
    <Card
      title={
        <>
          {symbol} · {interval} <span className="muted small">(latest {candles.data.candles.length} candles)</span>
        </>
      }
      actions={
        last && (
          <span className="muted small">
            Last close {formatPrice(last.close)} at {formatUtc(last.close_time)}
          </span>
        )
      }
    >
      <CandleChart candles={candles.data.candles} overlays={overlays} />
    </Card>
  );
}

function CoverageTable({ coverage, symbol }: { coverage?: Coverage; symbol: string }) {
  return (
    <Card title={`Coverage of ${symbol}${coverage ? ' ' + coverage.interval : ''}`}>
      {coverage ? (
        <table className="kv-table" data-testid="coverage">
          <tbody>
            <tr>
              <th>First candle (open)</th>
              <td>{formatUtc(coverage.first_open_time)}</td>
              <th>Last candle (open)</th>
              <td>{formatUtc(coverage.last_open_time)}</td>
              <th>Last close</th>
              <td>{formatUtc(coverage.last_close_time)}</td>
            </tr>
            <tr>
              <th>Candles</th>
              <td>{formatNumber(coverage.candles, 0)}</td>
              <th>Gaps</th>
              <td>
                {coverage.gap_count} ({formatNumber(coverage.missing_candles, 0)} missing)
              </td>
              <th>Largest gap</th>
              <td>{formatNumber(coverage.largest_gap_candles, 0)} candles</td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p className="muted">No candles for this interval.</p>
      )}
    </Card>
  );
}

function RatioPanel({ base, quote, interval }: { base: string; quote: string; interval: string }) {
  const ratios = useRatios(base, quote, interval);
  const lines = useMemo(
    () =>
      ratios.data
        ? [{ name: `${base} / ${quote}`, color: COLORS.lines[1], points: ratios.data.candles.map((c) => ({ time: c.open_time, value: c.close })) }]
        : [],
    [ratios.data, base, quote],
  );
  return (
    <Card title={`Ratio ${base} / ${quote} · ${interval}`}>
      <QueryView query={ratios} what="the ratio">
        {(data) =>
          data.candles.length === 0 ? (
            <p className="muted">The two symbols have no common candles.</p>
          ) : (
            <LinesChart lines={lines} height={260} testId="ratio-chart" precision={6} />
          )
        }
      </QueryView>
    </Card>
  );
}

function pickInterval(info: SymbolInfo, wanted: string) {
  const available = info.coverage.map((coverage) => coverage.interval);
  if (available.includes(wanted)) return wanted;
  return available.includes('1d') ? '1d' : available.sort(byInterval)[0];
}
