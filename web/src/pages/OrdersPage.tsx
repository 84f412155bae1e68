// Orders (placeholders for a future execution layer: recorded, never sent anywhere). With
// TRADING_MODE=readonly they can only be listed, and the screen says why.

import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey } from '../api/client';
import { ApiError, placeError } from '../api/errors';
import { useOrders, useSymbols, workspacePath } from '../api/hooks';
import type { Order } from '../api/types';
import { DataTable } from '../components/Table';
import { ActionError, Banner, Card, Field, QueryView } from '../components/ui';
import { formatDecimal, formatUtc } from '../lib/format';
import { deniedReason } from '../lib/permissions';
import { useWorkspace } from '../session';

export type TradingMode = 'paper' | 'readonly' | 'unknown';

/** The server's trading mode, as the session states it. */
function useTradingMode(): TradingMode {
  const { session } = useWorkspace();
  return session.trading_mode ?? 'unknown';
}

export function OrdersPage() {
  const { workspace, role, allows } = useWorkspace();
  const orders = useOrders(workspace.id);
  const probed = useTradingMode();
  const [learned, setLearned] = useState<TradingMode>();
  const mode = learned ?? probed;
  const canTrade = allows('trade');
  const readonly = mode === 'readonly';
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'trading_disabled') setLearned('readonly');
  };
  return (
    <div className="page">
      <h1>Orders</h1>
      {readonly && (
        <Banner kind="locked">
          <span data-testid="trading-disabled">
            Trading is disabled on this server (TRADING_MODE=readonly): orders are listed here but cannot be created or cancelled.
            Paper fills of trade plans are not affected.
          </span>
        </Banner>
      )}
      {!canTrade && <Banner kind="locked">{deniedReason(role, 'trade')}</Banner>}
      <p className="muted small">Orders are recorded on paper only; nothing is ever sent to an exchange.</p>
      <div className="grid two">
        <Card title="Orders">
          <QueryView query={orders} what="orders">
            {(list) => <OrdersTable orders={list} canCancel={canTrade && !readonly} onError={onError} />}
          </QueryView>
        </Card>
        {canTrade && (
          <Card title="New order">
            <NewOrderForm disabled={readonly} onError={onError} />
          </Card>
        )}
      </div>
    </div>
  );
}

function OrdersTable({ orders, canCancel, onError }: { orders: Order[]; canCancel: boolean; onError: (error: unknown) => void }) {
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: (order: Order) => api<Order>(`${workspacePath(workspace.id)}/orders/${encodeURIComponent(order.id)}`, { method: 'DELETE' }),
    onError,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['ws', workspace.id, 'orders'] }),
  });
  return (
    <>
      {cancel.error && <ActionError error={cancel.error} />}
      <DataTable<Order>
        testId="orders-table"
        rows={orders}
        rowKey={(order) => order.id}
        initialSort={{ key: 'created', descending: true }}
        empty="No orders in this workspace."
        columns={[
          { key: 'created', label: 'Created (UTC)', sortValue: (o) => o.created_at, render: (o) => formatUtc(o.created_at, false) },
          { key: 'symbol', label: 'Symbol', sortValue: (o) => o.symbol, render: (o) => o.symbol },
          { key: 'side', label: 'Side', render: (o) => <span className={o.side === 'buy' ? 'positive' : 'negative'}>{o.side}</span> },
          { key: 'qty', label: 'Quantity', align: 'right', render: (o) => formatDecimal(o.quantity) },
          { key: 'type', label: 'Type', render: (o) => o.type },
          { key: 'limit', label: 'Limit', align: 'right', render: (o) => formatDecimal(o.limit_price) },
          { key: 'status', label: 'Status', sortValue: (o) => o.status, render: (o) => <span className={`status status-${o.status}`}>{o.status}</span> },
          {
            key: 'actions',
            label: '',
            render: (o) =>
              canCancel && o.status === 'accepted' ? (
                <button type="button" className="danger small" disabled={cancel.isPending} onClick={() => cancel.mutate(o)}>
                  Cancel
                </button>
              ) : null,
          },
        ]}
      />
    </>
  );
}

function NewOrderForm({ disabled, onError }: { disabled: boolean; onError: (error: unknown) => void }) {
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const symbols = useSymbols();
  const [symbol, setSymbol] = useState('BTCUSDT');
  const [side, setSide] = useState('buy');
  const [quantity, setQuantity] = useState('');
  const [type, setType] = useState('market');
  const [limit, setLimit] = useState('');
  // One key per order the user means to place: a retry of the same submission reuses it.
  const [key, setKey] = useState(newIdempotencyKey);
  const create = useMutation({
    mutationFn: () =>
      api<Order>(`${workspacePath(workspace.id)}/orders`, {
        method: 'POST',
        headers: { 'Idempotency-Key': key },
        body: { symbol: symbol.trim().toUpperCase(), side, quantity: quantity.trim(), type, limit_price: type === 'limit' ? limit.trim() : undefined },
      }),
    onSuccess: () => {
      setKey(newIdempotencyKey());
      setQuantity('');
      void queryClient.invalidateQueries({ queryKey: ['ws', workspace.id, 'orders'] });
    },
    onError,
  });
  const placed = placeError(create.error, ['symbol', 'side', 'quantity', 'type', 'limit_price'], { unknown_symbol: 'symbol' });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form className="form" onSubmit={submit} aria-label="New order">
      <fieldset disabled={disabled} className="form-grid">
        <Field label="Symbol" error={placed.fields.symbol}>
          <input name="order-symbol" list="order-symbols" value={symbol} onChange={(e) => setSymbol(e.target.value)} required />
          <datalist id="order-symbols">
            {(symbols.data ?? []).map((info) => (
              <option key={info.symbol} value={info.symbol} />
            ))}
          </datalist>
        </Field>
        <Field label="Side" error={placed.fields.side}>
          <select name="order-side" value={side} onChange={(e) => setSide(e.target.value)}>
            <option value="buy">buy</option>
            <option value="sell">sell</option>
          </select>
        </Field>
        <Field label="Quantity" error={placed.fields.quantity}>
          <input name="order-quantity" inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} required />
        </Field>
        <Field label="Type" error={placed.fields.type}>
          <select name="order-type" value={type} onChange={(e) => setType(e.target.value)}>
            <option value="market">market</option>
            <option value="limit">limit</option>
          </select>
        </Field>
        {type === 'limit' && (
          <Field label="Limit price" error={placed.fields.limit_price}>
            <input name="order-limit" inputMode="decimal" value={limit} onChange={(e) => setLimit(e.target.value)} required />
          </Field>
        )}
      </fieldset>
      {placed.unplaced ? <ActionError error={placed.unplaced} /> : null}
      <button type="submit" className="primary" disabled={disabled || create.isPending}>
        {create.isPending ? 'Placing…' : 'Place paper order'}
      </button>
    </form>
  );
}
