// Wire shapes of the API (see /api/v1/openapi.json). Times are Unix seconds (UTC); paper
// trading amounts are exact decimal strings.

export type Role = 'owner' | 'editor' | 'trader' | 'viewer';

export interface User {
  id: string;
  email: string;
  display_name: string;
  status: 'active' | 'disabled';
}

export interface Workspace {
  id: string;
  name: string;
  default_quote_asset: string;
  role: Role;
}

export interface Session {
  auth_mode: 'none' | 'password';
  user: User | null;
  active_workspace_id: string | null;
  workspaces: Workspace[];
  /** Not sent by every server version; when present, `paper` or `readonly`. */
  trading_mode?: 'paper' | 'readonly';
}

export interface Member {
  user_id: string;
  email: string;
  display_name: string;
  status: string;
  role: Role;
  joined_at: number;
}

export interface Coverage {
  interval: string;
  first_open_time: number;
  last_open_time: number;
  last_close_time: number;
  candles: number;
  gap_count: number;
  missing_candles: number;
  largest_gap_candles: number;
}

export interface SymbolInfo {
  symbol: string;
  base_asset: string;
  quote_asset: string;
  categories: string[];
  coverage: Coverage[];
}

export interface Category {
  name: string;
  symbols: string[];
  symbols_with_data: string[];
}

export interface Candle {
  open_time: number;
  close_time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  quote_volume: number | null;
  trade_count: number | null;
}

export interface CandlesResponse {
  symbol: string;
  interval: string;
  candles: Candle[];
  next_from: number | null;
  previous_to: number | null;
}

export interface RatioCandle {
  open_time: number;
  close_time: number;
  open: number;
  close: number;
}

export interface RatiosResponse {
  base: string;
  quote: string;
  interval: string;
  candles: RatioCandle[];
  next_from: number | null;
  previous_to: number | null;
}

export interface ScanRule {
  sma_fast: number;
  sma_slow: number;
  rising_lookback: number;
  score_window: number;
  bars_needed: number;
}

export interface ScanHit {
  symbol: string;
  quote_symbol?: string;
  last_close: number;
  sma_fast: number;
  sma_slow: number;
  distance_above_sma_fast_pct: number;
  distance_above_sma_slow_pct: number;
  return_7: number | null;
  return_30: number | null;
  return_90: number | null;
  score: number;
}

export interface ScanIneligible {
  symbol: string;
  quote_symbol?: string;
  reason: 'insufficient_history' | 'stale';
  bars?: number;
  bars_needed?: number;
  last_close_time?: number;
}

export interface ScanResponse {
  interval: string;
  bar_open_time: number;
  bar_close_time: number;
  rule: ScanRule;
  candidates: number;
  judged: number;
  total_hits: number;
  hits: ScanHit[];
  ineligible?: ScanIneligible[];
}

export interface BacktestSummary {
  total_return?: number;
  cagr?: number | null;
  sharpe?: number | null;
  max_drawdown?: number;
  trade_count?: number;
  benchmark_total_return?: number;
  first_open_time?: number;
  last_close_time?: number;
  bar_count?: number;
}

export interface BacktestListItem {
  id: string;
  created_at: number;
  created_by: string | null;
  strategy_id: 'ma_cross' | 'buy_and_hold' | 'relative_momentum' | string;
  subject: string;
  interval: string;
  summary: BacktestSummary | null;
}

export interface BacktestMetrics {
  initial_equity: number;
  final_equity: number;
  total_return: number;
  cagr: number | null;
  volatility: number | null;
  sharpe: number | null;
  sortino: number | null;
  max_drawdown: number;
  max_drawdown_period: { peak_time: number; trough_time: number; recovery_time: number | null } | null;
  calmar: number | null;
  trade_count: number;
  win_rate: number | null;
  profit_factor: number | null;
  average_trade_return: number | null;
  exposure: number;
  turnover: number;
  traded_notional: number;
  fees_paid: number;
  slippage_paid: number;
}

export interface BacktestDetail {
  id: string;
  created_at: number;
  created_by: string | null;
  strategy_id: string;
  subject: string;
  interval: string;
  request: Record<string, unknown>;
  strategy: { strategy_id?: string; params?: Record<string, unknown> } & Record<string, unknown>;
  conventions: {
    initial_capital: number;
    fill_at: string;
    fee_bps: number;
    slippage_bps: number;
    bar_seconds: number;
    periods_per_year: number;
    risk_free_rate: number;
    rules: string[];
  };
  data_range: { first_open_time: number; last_close_time: number; bar_count: number; symbols: string[] };
  metrics: BacktestMetrics;
  benchmark: { kind: string; symbols: string[]; final_equity: number; total_return: number };
  trade_count: number;
  rebalance_count: number;
}

export interface EquityPoint {
  time: number;
  equity: number;
  drawdown: number;
  benchmark_equity: number;
}

export interface BacktestTrade {
  symbol: string;
  side: 'long' | 'short';
  entry_time: number;
  exit_time: number;
  entry_price: number;
  exit_price: number;
  quantity: number;
  fees: number;
  pnl: number;
  trade_return: number;
  closed_at_end: boolean;
}

export interface RankedSymbol {
  symbol: string;
  score: number;
  weight: number;
}

export interface Rebalance {
  decision_time: number;
  fill_time: number;
  eligible_count: number;
  longs: RankedSymbol[];
  shorts: RankedSymbol[];
  equity_at_fill: number;
  traded_notional: number;
  turnover: number;
  fees: number;
  slippage: number;
  untraded_symbols: string[];
}

export interface RebalancesResponse {
  rebalances: Rebalance[];
  skipped: { decision_time: number; eligible_count: number }[];
}

export type PlanStatus = 'planned' | 'open' | 'closed' | 'cancelled';
export type TradeType = 'single' | 'pair' | 'basket';

export interface Leg {
  leg_index: number;
  symbol: string;
  side: 'long' | 'short';
  planned_quantity: string;
  planned_entry_price: string;
  stop_price: string | null;
  target_price: string | null;
}

export interface TradePlan {
  id: string;
  workspace_id: string;
  account_id: string;
  status: PlanStatus;
  trade_type: TradeType;
  strategy_tag: string;
  thesis: string;
  invalidation: string;
  max_risk_amount: string | null;
  legs: Leg[];
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface Fill {
  plan_id: string;
  account_id: string;
  leg_index: number;
  kind: 'entry' | 'exit';
  symbol: string;
  side: 'buy' | 'sell';
  quantity: string;
  price: string;
  notional: string;
  fee_bps: string;
  fee: string;
  mark_source: 'given' | 'latest_close';
  filled_at: number;
}

export interface LegPnl {
  leg_index: number;
  symbol: string;
  side: 'long' | 'short';
  quantity: string;
  entry_price: string;
  exit_price: string;
  exit_price_source: 'given' | 'latest_close';
  gross_pnl: string;
  fees: string;
  net_pnl: string;
}

export interface PlanPnl {
  plan_id: string;
  status: PlanStatus;
  kind: 'realized' | 'unrealized';
  gross_pnl: string;
  fees: string;
  net_pnl: string;
  max_risk_amount: string | null;
  r_multiple: string | null;
  legs: LegPnl[];
}

export interface Account {
  id: string;
  quote_asset: string;
  starting_cash: string;
  cash: string;
  market_value: string;
  equity: string;
  realized_pnl_before_fees: string;
  fees_paid: string;
  unrealized_pnl: string;
  open_positions: number;
  created_at: number;
}

export interface Position {
  symbol: string;
  side: 'long' | 'short';
  quantity: string;
  average_entry_price: string;
  cost_basis: string;
  mark: string;
  mark_source: 'given' | 'latest_close';
  market_value: string;
  unrealized_pnl: string;
}

export interface Order {
  id: string;
  workspace_id: string;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: string;
  type: 'market' | 'limit';
  limit_price: string | null;
  status: 'accepted' | 'cancelled';
  created_by: string | null;
  created_at: number;
  updated_at: number;
}
