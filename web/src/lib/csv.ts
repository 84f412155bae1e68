// CSV export of backtest results (RFC 4180: comma separated, CRLF, quoted when needed).

import type { BacktestTrade, EquityPoint } from '../api/types';
import { isoUtc } from './format';

export type CsvValue = string | number | boolean | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** time (Unix seconds and ISO UTC), equity, drawdown, benchmark equity. */
export function equityCsv(points: EquityPoint[]): string {
  return toCsv(
    ['time', 'time_utc', 'equity', 'drawdown', 'benchmark_equity'],
    points.map((point) => [point.time, isoUtc(point.time), point.equity, point.drawdown, point.benchmark_equity]),
  );
}

export function tradesCsv(trades: BacktestTrade[]): string {
  return toCsv(
    [
      'symbol', 'side', 'entry_time', 'entry_time_utc', 'exit_time', 'exit_time_utc', 'entry_price',
      'exit_price', 'quantity', 'fees', 'pnl', 'trade_return', 'closed_at_end',
    ],
    trades.map((trade) => [
      trade.symbol, trade.side, trade.entry_time, isoUtc(trade.entry_time), trade.exit_time, isoUtc(trade.exit_time),
      trade.entry_price, trade.exit_price, trade.quantity, trade.fees, trade.pnl, trade.trade_return, trade.closed_at_end,
    ]),
  );
}

/** Saves `text` as a file through a temporary link (browser only). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
