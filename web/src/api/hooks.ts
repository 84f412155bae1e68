// TanStack Query hooks, one per API read. Keys start with the workspace for workspace data,
// so switching workspace never shows another workspace's cached data.

import { useQuery } from '@tanstack/react-query';
import { byInterval } from '../lib/intervals';
import { api } from './client';
import type {
  Account, BacktestDetail, BacktestListItem, BacktestTrade, CandlesResponse, Category, EquityPoint, Fill, Member,
  Order, PlanPnl, Position, RatiosResponse, RebalancesResponse, ScanResponse, Session, SymbolInfo, TradePlan,
} from './types';

export const sessionKey = ['session'] as const;

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: () => api<Session>('/auth/session'), staleTime: 60_000 });
}

export function useSymbols(category?: string) {
  return useQuery({
    queryKey: ['symbols', category ?? ''],
    queryFn: () => api<{ symbols: SymbolInfo[] }>('/symbols', { query: { category } }).then((r) => r.symbols),
    staleTime: 5 * 60_000,
  });
}

export function useCategories() {
  return useQuery({
    queryKey: ['categories'],
    queryFn: () => api<{ categories: Category[] }>('/categories').then((r) => r.categories),
    staleTime: 5 * 60_000,
  });
}

export function useCandles(symbol: string | undefined, interval: string, options: { from?: number; to?: number; limit?: number } = {}) {
  return useQuery({
    queryKey: ['candles', symbol, interval, options.from, options.to, options.limit],
    queryFn: () =>
      api<CandlesResponse>('/candles', { query: { symbol, interval, from: options.from, to: options.to, limit: options.limit ?? 1000 } }),
    enabled: Boolean(symbol && interval),
    staleTime: 60_000,
  });
}

export function useRatios(base: string | undefined, quote: string | undefined, interval: string, limit = 1000) {
  return useQuery({
    queryKey: ['ratios', base, quote, interval, limit],
    queryFn: () => api<RatiosResponse>('/ratios', { query: { base, quote, interval, limit } }),
    enabled: Boolean(base && quote && interval && base !== quote),
    staleTime: 60_000,
  });
}

export type ScanKind = 'uptrends' | 'ratio-uptrends';

export function useScan(kind: ScanKind, query: Record<string, string | number | boolean | undefined>, enabled: boolean) {
  return useQuery({
    queryKey: ['scan', kind, query],
    queryFn: () => api<ScanResponse>(`/scanner/${kind}`, { query }),
    enabled,
    staleTime: 60_000,
  });
}

/** The latest close of a symbol: the last candle of its interval whose coverage ends last
 * (ties: the longest interval), as the server marks paper fills. */
export function useLatestClose(symbol: string | undefined) {
  const symbols = useSymbols();
  const info = symbols.data?.find((entry) => entry.symbol === symbol);
  const coverage = info?.coverage.slice().sort((a, b) => b.last_close_time - a.last_close_time || byInterval(b.interval, a.interval))[0];
  const candles = useCandles(coverage ? symbol : undefined, coverage?.interval ?? '', { limit: 1 });
  const last = candles.data?.candles.at(-1);
  return {
    close: last?.close,
    time: last?.close_time,
    isLoading: symbols.isLoading || candles.isLoading,
    error: symbols.error ?? candles.error,
  };
}

const ws = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;

export function useMembers(workspaceId: string) {
  return useQuery({
    queryKey: ['ws', workspaceId, 'members'],
    queryFn: () => api<{ members: Member[] }>(`${ws(workspaceId)}/members`).then((r) => r.members),
  });
}

export function useBacktests(workspaceId: string) {
  return useQuery({
    queryKey: ['ws', workspaceId, 'backtests'],
    queryFn: () => api<{ backtests: BacktestListItem[] }>(`${ws(workspaceId)}/backtests`).then((r) => r.backtests),
  });
}

export function useBacktest(workspaceId: string, id: string) {
  const base = `${ws(workspaceId)}/backtests/${encodeURIComponent(id)}`;
  const detail = useQuery({ queryKey: ['ws', workspaceId, 'backtest', id], queryFn: () => api<BacktestDetail>(base), staleTime: Infinity });
  const equity = useQuery({
    queryKey: ['ws', workspaceId, 'backtest', id, 'equity'],
    queryFn: () => api<{ points: EquityPoint[] }>(`${base}/equity`).then((r) => r.points),
    staleTime: Infinity,
  });
  const trades = useQuery({
    queryKey: ['ws', workspaceId, 'backtest', id, 'trades'],
    queryFn: () => api<{ trades: BacktestTrade[] }>(`${base}/trades`).then((r) => r.trades),
    staleTime: Infinity,
  });
  const rebalances = useQuery({
    queryKey: ['ws', workspaceId, 'backtest', id, 'rebalances'],
    queryFn: () => api<RebalancesResponse>(`${base}/rebalances`),
    staleTime: Infinity,
  });
  return { detail, equity, trades, rebalances };
}

export function usePlans(workspaceId: string) {
  return useQuery({
    queryKey: ['ws', workspaceId, 'plans'],
    queryFn: () => api<{ trade_plans: TradePlan[] }>(`${ws(workspaceId)}/trade-plans`).then((r) => r.trade_plans),
  });
}

export function usePlanFills(workspaceId: string, planId: string) {
  return useQuery({
    queryKey: ['ws', workspaceId, 'plan', planId, 'fills'],
    queryFn: () => api<{ fills: Fill[] }>(`${ws(workspaceId)}/trade-plans/${encodeURIComponent(planId)}/fills`).then((r) => r.fills),
  });
}

export function usePlanPnl(workspaceId: string, plan: TradePlan | undefined) {
  const opened = plan?.status === 'open' || plan?.status === 'closed';
  return useQuery({
    queryKey: ['ws', workspaceId, 'plan', plan?.id, 'pnl', plan?.status],
    queryFn: () => api<PlanPnl>(`${ws(workspaceId)}/trade-plans/${encodeURIComponent(plan!.id)}/pnl`),
    enabled: Boolean(plan && opened),
  });
}

export function useAccounts(workspaceId: string) {
  return useQuery({
    queryKey: ['ws', workspaceId, 'accounts'],
    queryFn: () => api<{ accounts: Account[] }>(`${ws(workspaceId)}/accounts`).then((r) => r.accounts),
  });
}

export function usePositions(workspaceId: string, accountId: string | undefined) {
  return useQuery({
    queryKey: ['ws', workspaceId, 'accounts', accountId, 'positions'],
    queryFn: () =>
      api<{ positions: Position[]; quote_asset: string }>(
        `${ws(workspaceId)}/accounts/${encodeURIComponent(accountId!)}/positions`,
      ),
    enabled: Boolean(accountId),
  });
}

export function useOrders(workspaceId: string) {
  return useQuery({
    queryKey: ['ws', workspaceId, 'orders'],
    queryFn: () => api<{ orders: Order[] }>(`${ws(workspaceId)}/orders`).then((r) => r.orders),
  });
}

export { ws as workspacePath };
