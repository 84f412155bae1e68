// Binance intervals, shortest first.

export const INTERVAL_ORDER = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M'];

export function byInterval(a: string, b: string): number {
  return INTERVAL_ORDER.indexOf(a) - INTERVAL_ORDER.indexOf(b);
}
