// One trade plan: its legs and notes, paper-open / paper-close with marks (prefilled from
// the latest closes) and fee bps, cancel, its fills and its P&L.

import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { placeError } from '../api/errors';
import { useLatestClose, usePlanFills, usePlanPnl, workspacePath } from '../api/hooks';
import type { Fill, Leg, LegPnl, TradePlan } from '../api/types';
import { DataTable } from '../components/Table';
import { ActionError, Banner, Card, Field, Metric, QueryView } from '../components/ui';
import { decimalSign, formatDecimal, formatUtc, signClass, toDecimalString } from '../lib/format';
import { deniedReason } from '../lib/permissions';
import { useWorkspace } from '../session';

export function PlanDetail({ plan }: { plan: TradePlan }) {
  const { workspace, role, allows } = useWorkspace();
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => api<TradePlan>(`${workspacePath(workspace.id)}/trade-plans/${encodeURIComponent(plan.id)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['ws', workspace.id, 'plans'] }),
  });
  return (
    <>
      <Card
        title={
          <>
            {plan.trade_type} plan <span className={`status status-${plan.status}`} data-testid="plan-status">{plan.status}</span>
          </>
        }
        actions={
          plan.status === 'planned' &&
          allows('research') && (
            <button type="button" className="danger small" disabled={cancel.isPending} onClick={() => window.confirm('Cancel this plan?') && cancel.mutate()}>
              Cancel plan
            </button>
          )
        }
      >
        {cancel.error && <ActionError error={cancel.error} />}
        <dl className="plan-notes">
          <dt>Thesis</dt>
          <dd>{plan.thesis || '—'}</dd>
          <dt>Invalidation</dt>
          <dd>{plan.invalidation || '—'}</dd>
          <dt>Max risk</dt>
          <dd>{plan.max_risk_amount ? formatDecimal(plan.max_risk_amount) : '—'}</dd>
          <dt>Tag</dt>
          <dd>{plan.strategy_tag || '—'}</dd>
          <dt>Account</dt>
          <dd>{plan.account_id}</dd>
          <dt>Updated</dt>
          <dd>{formatUtc(plan.updated_at)}</dd>
        </dl>
        <DataTable<Leg>
          rows={plan.legs}
          rowKey={(leg) => String(leg.leg_index)}
          columns={[
            { key: 'i', label: '#', render: (leg) => leg.leg_index + 1 },
            { key: 'symbol', label: 'Symbol', render: (leg) => leg.symbol },
            { key: 'side', label: 'Side', render: (leg) => <span className={leg.side === 'long' ? 'positive' : 'negative'}>{leg.side}</span> },
            { key: 'qty', label: 'Quantity', align: 'right', render: (leg) => formatDecimal(leg.planned_quantity) },
            { key: 'entry', label: 'Planned entry', align: 'right', render: (leg) => formatDecimal(leg.planned_entry_price) },
            { key: 'stop', label: 'Stop', align: 'right', render: (leg) => formatDecimal(leg.stop_price) },
            { key: 'target', label: 'Target', align: 'right', render: (leg) => formatDecimal(leg.target_price) },
          ]}
        />
      </Card>
      {(plan.status === 'planned' || plan.status === 'open') &&
        (allows('trade') ? (
          <ExecuteForm key={`${plan.id}-${plan.status}`} plan={plan} action={plan.status === 'planned' ? 'paper-open' : 'paper-close'} />
        ) : (
          <Banner kind="locked">{deniedReason(role, 'trade')}</Banner>
        ))}
      {(plan.status === 'open' || plan.status === 'closed') && <PnlCard plan={plan} />}
      <FillsCard plan={plan} />
    </>
  );
}

function ExecuteForm({ plan, action }: { plan: TradePlan; action: 'paper-open' | 'paper-close' }) {
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const symbols = plan.legs.map((leg) => leg.symbol);
  const [marks, setMarks] = useState<Record<string, string>>({});
  const [feeBps, setFeeBps] = useState('5');
  const execute = useMutation({
    mutationFn: () =>
      api(`${workspacePath(workspace.id)}/trade-plans/${encodeURIComponent(plan.id)}/${action}`, {
        method: 'POST',
        body: {
          mark_prices: Object.fromEntries(symbols.filter((symbol) => marks[symbol]?.trim()).map((symbol) => [symbol, marks[symbol].trim()])),
          fee_bps: feeBps.trim() || undefined,
        },
      }),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['ws', workspace.id, 'plans'] }),
        queryClient.invalidateQueries({ queryKey: ['ws', workspace.id, 'plan', plan.id] }),
        queryClient.invalidateQueries({ queryKey: ['ws', workspace.id, 'accounts'] }),
      ]);
    },
  });
  const placed = placeError(execute.error, ['fee_bps', ...symbols.map((symbol) => `mark_prices.${symbol}`)]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    execute.mutate();
  };
  const verb = action === 'paper-open' ? 'Paper-open' : 'Paper-close';
  return (
    <Card title={`${verb} at marks`}>
      <form className="form" onSubmit={submit} aria-label={verb}>
        <div className="form-grid">
          {symbols.map((symbol) => (
            <MarkField
              key={symbol}
              symbol={symbol}
              value={marks[symbol]}
              error={placed.fields[`mark_prices.${symbol}`]}
              onChange={(value) => setMarks((current) => ({ ...current, [symbol]: value }))}
            />
          ))}
          <Field label="Fee (bps)" error={placed.fields.fee_bps} hint="Of each fill's notional">
            <input name="fee_bps" inputMode="decimal" value={feeBps} onChange={(e) => setFeeBps(e.target.value)} />
          </Field>
        </div>
        <p className="muted small">Marks start at the latest close; an empty mark fills at the latest close too.</p>
        {placed.unplaced ? <ActionError error={placed.unplaced} /> : null}
        <button type="submit" className="primary" disabled={execute.isPending}>
          {execute.isPending ? 'Filling…' : verb}
        </button>
      </form>
    </Card>
  );
}

function MarkField({ symbol, value, error, onChange }: { symbol: string; value?: string; error?: string; onChange: (value: string) => void }) {
  const latest = useLatestClose(symbol);
  useEffect(() => {
    if (latest.close !== undefined && value === undefined) onChange(toDecimalString(latest.close));
    // Only when the close arrives: never overwrite what the user typed.
  }, [latest.close]);
  return (
    <Field
      label={`Mark ${symbol}`}
      error={error}
      hint={latest.close !== undefined ? `Latest close at ${formatUtc(latest.time)}` : latest.isLoading ? 'Loading latest close…' : undefined}
    >
      <input name={`mark.${symbol}`} inputMode="decimal" value={value ?? ''} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

function PnlCard({ plan }: { plan: TradePlan }) {
  const { workspace } = useWorkspace();
  const pnl = usePlanPnl(workspace.id, plan);
  return (
    <Card title="P&L">
      <QueryView query={pnl} what="the P&L">
        {(data) => (
          <>
            <div className="metrics" data-testid="plan-pnl">
              <Metric label={data.kind === 'realized' ? 'Net P&L (realized)' : 'Net P&L (unrealized)'} value={formatDecimal(data.net_pnl, 2)} tone={signClass(decimalSign(data.net_pnl))} />
              <Metric label="Gross P&L" value={formatDecimal(data.gross_pnl, 2)} tone={signClass(decimalSign(data.gross_pnl))} />
              <Metric label="Fees" value={formatDecimal(data.fees, 2)} />
              <Metric label="R multiple" value={data.r_multiple ? `${formatDecimal(data.r_multiple, 2)} R` : '—'} tone={signClass(decimalSign(data.r_multiple))} />
            </div>
            <DataTable<LegPnl>
              rows={data.legs}
              rowKey={(leg) => String(leg.leg_index)}
              columns={[
                { key: 'symbol', label: 'Leg', render: (leg) => `${leg.leg_index + 1}. ${leg.side} ${leg.symbol}` },
                { key: 'qty', label: 'Quantity', align: 'right', render: (leg) => formatDecimal(leg.quantity) },
                { key: 'entry', label: 'Entry', align: 'right', render: (leg) => formatDecimal(leg.entry_price) },
                {
                  key: 'exit',
                  label: data.kind === 'realized' ? 'Exit' : 'Mark',
                  align: 'right',
                  render: (leg) => `${formatDecimal(leg.exit_price)}${leg.exit_price_source === 'latest_close' ? ' (latest close)' : ''}`,
                },
                { key: 'gross', label: 'Gross', align: 'right', render: (leg) => formatDecimal(leg.gross_pnl, 2) },
                { key: 'fees', label: 'Fees', align: 'right', render: (leg) => formatDecimal(leg.fees, 2) },
                { key: 'net', label: 'Net', align: 'right', render: (leg) => <span className={signClass(decimalSign(leg.net_pnl))}>{formatDecimal(leg.net_pnl, 2)}</span> },
              ]}
            />
          </>
        )}
      </QueryView>
    </Card>
  );
}

function FillsCard({ plan }: { plan: TradePlan }) {
  const { workspace } = useWorkspace();
  const fills = usePlanFills(workspace.id, plan.id);
  return (
    <Card title="Fills">
      <QueryView query={fills} what="fills">
        {(list) => (
          <DataTable<Fill>
            testId="fills-table"
            rows={list}
            rowKey={(fill) => `${fill.kind}-${fill.leg_index}`}
            empty="No fill yet: the plan has not been opened."
            columns={[
              { key: 'time', label: 'Filled (UTC)', render: (fill) => formatUtc(fill.filled_at, false) },
              { key: 'kind', label: 'Kind', render: (fill) => fill.kind },
              { key: 'symbol', label: 'Symbol', render: (fill) => fill.symbol },
              { key: 'side', label: 'Side', render: (fill) => <span className={fill.side === 'buy' ? 'positive' : 'negative'}>{fill.side}</span> },
              { key: 'qty', label: 'Quantity', align: 'right', render: (fill) => formatDecimal(fill.quantity) },
              { key: 'price', label: 'Price', align: 'right', render: (fill) => formatDecimal(fill.price) },
              { key: 'notional', label: 'Notional', align: 'right', render: (fill) => formatDecimal(fill.notional, 2) },
              { key: 'fee', label: 'Fee', align: 'right', render: (fill) => `${formatDecimal(fill.fee, 8)} (${formatDecimal(fill.fee_bps)} bps)` },
              { key: 'source', label: 'Mark', render: (fill) => (fill.mark_source === 'given' ? 'given' : 'latest close') },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}
