// Paper trading: the account (balance, positions), the trade plans, a new plan, and one plan
// with its actions, fills and P&L.

import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { placeError } from '../api/errors';
import { useAccounts, useLatestClose, usePlans, usePositions, useSymbols, workspacePath } from '../api/hooks';
import type { Account, Position, TradePlan, TradeType } from '../api/types';
import { DataTable } from '../components/Table';
import { ActionError, Banner, Card, Field, Metric, QueryView } from '../components/ui';
import { decimalSign, formatDecimal, formatUtc, signClass, toDecimalString } from '../lib/format';
import { deniedReason } from '../lib/permissions';
import { navigate } from '../lib/router';
import { useWorkspace } from '../session';
import { PlanDetail } from './PlanDetail';

export function PaperPage({ planId }: { planId?: string }) {
  const { workspace, role, allows } = useWorkspace();
  const plans = usePlans(workspace.id);
  const [creating, setCreating] = useState(false);
  return (
    <div className="page">
      <h1>Paper trading</h1>
      <AccountPanel />
      <div className="grid paper-grid">
        <div>
          <Card
            title="Trade plans"
            actions={
              allows('research') ? (
                <button type="button" className="primary small" onClick={() => setCreating((open) => !open)} aria-expanded={creating}>
                  {creating ? 'Close form' : '+ New plan'}
                </button>
              ) : undefined
            }
          >
            {!allows('research') && <Banner kind="locked">{deniedReason(role, 'research')}</Banner>}
            {creating && allows('research') && (
              <NewPlanForm
                onCreated={(plan) => {
                  setCreating(false);
                  navigate(`/paper/${plan.id}`);
                }}
              />
            )}
            <QueryView query={plans} what="trade plans">
              {(list) => <PlansTable plans={list} selected={planId} />}
            </QueryView>
          </Card>
        </div>
        <div>
          {planId ? (
            <QueryView query={plans} what="the plan">
              {(list) => {
                const plan = list.find((candidate) => candidate.id === planId);
                return plan ? <PlanDetail plan={plan} /> : <Banner kind="warning">This plan does not exist in {workspace.name}.</Banner>;
              }}
            </QueryView>
          ) : (
            <Card title="Plan">
              <p className="muted">Choose a plan to see its legs, fills and P&amp;L.</p>
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}

export function legsSummary(plan: TradePlan): string {
  return plan.legs.map((leg) => `${leg.side} ${formatDecimal(leg.planned_quantity)} ${leg.symbol}`).join(' / ');
}

function PlansTable({ plans, selected }: { plans: TradePlan[]; selected?: string }) {
  return (
    <DataTable<TradePlan>
      testId="plans-table"
      rows={plans}
      rowKey={(plan) => plan.id}
      onRowClick={(plan) => navigate(`/paper/${plan.id}`)}
      rowTitle="Open the plan"
      initialSort={{ key: 'created', descending: true }}
      empty="No trade plan yet."
      columns={[
        {
          key: 'created',
          label: 'Created (UTC)',
          sortValue: (plan) => plan.created_at,
          render: (plan) => (
            <>
              {plan.id === selected && '▶ '}
              {formatUtc(plan.created_at, false)}
            </>
          ),
        },
        { key: 'type', label: 'Type', sortValue: (plan) => plan.trade_type, render: (plan) => plan.trade_type },
        { key: 'status', label: 'Status', sortValue: (plan) => plan.status, render: (plan) => <span className={`status status-${plan.status}`}>{plan.status}</span> },
        { key: 'legs', label: 'Legs', render: legsSummary },
        { key: 'tag', label: 'Tag', sortValue: (plan) => plan.strategy_tag, render: (plan) => plan.strategy_tag || '—' },
      ]}
    />
  );
}

function AccountPanel() {
  const { workspace } = useWorkspace();
  const accounts = useAccounts(workspace.id);
  return (
    <QueryView query={accounts} what="the paper account">
      {(list) => (
        <>
          {list.map((account) => (
            <AccountCard key={account.id} account={account} />
          ))}
        </>
      )}
    </QueryView>
  );
}

function AccountCard({ account }: { account: Account }) {
  const { workspace } = useWorkspace();
  const positions = usePositions(workspace.id, account.id);
  const q = account.quote_asset;
  return (
    <Card title={`Account ${account.id} · ${q}`} className="account-card">
      <div className="metrics" data-testid="account">
        <Metric label={`Equity (${q})`} value={formatDecimal(account.equity, 2)} />
        <Metric label={`Cash (${q})`} value={formatDecimal(account.cash, 2)} />
        <Metric label="Market value" value={formatDecimal(account.market_value, 2)} />
        <Metric label="Unrealized P&L" value={formatDecimal(account.unrealized_pnl, 2)} tone={signClass(decimalSign(account.unrealized_pnl))} />
        <Metric
          label="Realized P&L (before fees)"
          value={formatDecimal(account.realized_pnl_before_fees, 2)}
          tone={signClass(decimalSign(account.realized_pnl_before_fees))}
        />
        <Metric label="Fees paid" value={formatDecimal(account.fees_paid, 2)} />
        <Metric label="Starting cash" value={formatDecimal(account.starting_cash, 2)} />
        <Metric label="Open positions" value={account.open_positions} />
      </div>
      <QueryView query={positions} what="positions">
        {(data) => (
          <DataTable<Position>
            testId="positions-table"
            rows={data.positions}
            rowKey={(position) => position.symbol}
            empty="No open position."
            columns={[
              { key: 'symbol', label: 'Symbol', sortValue: (p) => p.symbol, render: (p) => p.symbol },
              { key: 'side', label: 'Side', render: (p) => <span className={p.side === 'long' ? 'positive' : 'negative'}>{p.side}</span> },
              { key: 'quantity', label: 'Quantity', align: 'right', render: (p) => formatDecimal(p.quantity) },
              { key: 'avg', label: 'Avg entry', align: 'right', render: (p) => formatDecimal(p.average_entry_price, 8) },
              { key: 'mark', label: 'Mark', align: 'right', render: (p) => `${formatDecimal(p.mark)} (${p.mark_source === 'given' ? 'given' : 'latest close'})` },
              { key: 'value', label: 'Market value', align: 'right', render: (p) => formatDecimal(p.market_value, 2) },
              {
                key: 'upnl',
                label: 'Unrealized P&L',
                align: 'right',
                sortValue: (p) => Number(p.unrealized_pnl),
                render: (p) => <span className={signClass(decimalSign(p.unrealized_pnl))}>{formatDecimal(p.unrealized_pnl, 2)}</span>,
              },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}

interface LegDraft {
  symbol: string;
  side: 'long' | 'short';
  planned_quantity: string;
  planned_entry_price: string;
  stop_price: string;
  target_price: string;
}

const emptyLeg = (side: 'long' | 'short', symbol = ''): LegDraft => ({
  symbol,
  side,
  planned_quantity: '',
  planned_entry_price: '',
  stop_price: '',
  target_price: '',
});

export function legsFor(type: TradeType, legs: LegDraft[]): LegDraft[] {
  if (type === 'single') return [legs[0] ?? emptyLeg('long')];
  if (type === 'pair') {
    const first = legs[0] ?? emptyLeg('long');
    const second = legs[1] ?? emptyLeg(first.side === 'long' ? 'short' : 'long');
    return [first, second];
  }
  return legs.length >= 2 ? legs : [...legs, ...[emptyLeg('long'), emptyLeg('short')].slice(legs.length)];
}

function NewPlanForm({ onCreated }: { onCreated: (plan: TradePlan) => void }) {
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const symbols = useSymbols();
  const [tradeType, setTradeType] = useState<TradeType>('pair');
  const [legs, setLegs] = useState<LegDraft[]>(() => [emptyLeg('long', 'ETHUSDT'), emptyLeg('short', 'BTCUSDT')]);
  const [tag, setTag] = useState('');
  const [thesis, setThesis] = useState('');
  const [invalidation, setInvalidation] = useState('');
  const [risk, setRisk] = useState('');
  const create = useMutation({
    mutationFn: () =>
      api<TradePlan>(`${workspacePath(workspace.id)}/trade-plans`, {
        method: 'POST',
        body: {
          trade_type: tradeType,
          strategy_tag: tag,
          thesis,
          invalidation,
          max_risk_amount: risk.trim() || undefined,
          legs: legs.map((leg) => ({
            symbol: leg.symbol.trim().toUpperCase(),
            side: leg.side,
            planned_quantity: leg.planned_quantity.trim(),
            planned_entry_price: leg.planned_entry_price.trim(),
            stop_price: leg.stop_price.trim() || undefined,
            target_price: leg.target_price.trim() || undefined,
          })),
        },
      }),
    onSuccess: (plan) => {
      void queryClient.invalidateQueries({ queryKey: ['ws', workspace.id, 'plans'] });
      onCreated(plan);
    },
  });
  const legFields = legs.flatMap((_, index) =>
    ['symbol', 'side', 'planned_quantity', 'planned_entry_price', 'stop_price', 'target_price'].map((name) => `legs[${index}].${name}`),
  );
  const placed = placeError(create.error, ['trade_type', 'strategy_tag', 'thesis', 'invalidation', 'max_risk_amount', 'legs', 'account_id', ...legFields]);
  const errors = placed.fields;
  const setLeg = (index: number, changes: Partial<LegDraft>) =>
    setLegs((current) => current.map((leg, position) => (position === index ? { ...leg, ...changes } : leg)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form className="form plan-form" onSubmit={submit} aria-label="New trade plan">
      <div className="form-grid">
        <Field label="Type" error={errors.trade_type}>
          <select
            name="trade_type"
            value={tradeType}
            onChange={(event) => {
              const type = event.target.value as TradeType;
              setTradeType(type);
              setLegs((current) => legsFor(type, current));
            }}
          >
            <option value="single">single (one leg)</option>
            <option value="pair">pair (two legs, opposite sides)</option>
            <option value="basket">basket (two or more legs)</option>
          </select>
        </Field>
        <Field label="Strategy tag" error={errors.strategy_tag}>
          <input name="strategy_tag" value={tag} onChange={(e) => setTag(e.target.value)} maxLength={64} />
        </Field>
        <Field label="Max risk amount" error={errors.max_risk_amount} hint={`In ${workspace.default_quote_asset}; the unit of R`}>
          <input name="max_risk_amount" inputMode="decimal" value={risk} onChange={(e) => setRisk(e.target.value)} />
        </Field>
      </div>
      <Field label="Thesis" error={errors.thesis}>
        <textarea name="thesis" rows={2} value={thesis} onChange={(e) => setThesis(e.target.value)} maxLength={4000} />
      </Field>
      <Field label="Invalidation" error={errors.invalidation} hint="What would prove the thesis wrong">
        <textarea name="invalidation" rows={2} value={invalidation} onChange={(e) => setInvalidation(e.target.value)} maxLength={4000} />
      </Field>
      <datalist id="plan-symbols">
        {(symbols.data ?? []).map((info) => (
          <option key={info.symbol} value={info.symbol} />
        ))}
      </datalist>
      <div className="legs">
        <div className="legs-title">Legs {errors.legs && <span className="field-error" role="alert">{errors.legs}</span>}</div>
        {legs.map((leg, index) => (
          <LegEditor
            key={index}
            index={index}
            leg={leg}
            errors={errors}
            onChange={(changes) => setLeg(index, changes)}
            onRemove={tradeType === 'basket' && legs.length > 2 ? () => setLegs((current) => current.filter((_, i) => i !== index)) : undefined}
          />
        ))}
        {tradeType === 'basket' && (
          <button type="button" className="secondary small" onClick={() => setLegs((current) => [...current, emptyLeg('long')])}>
            + Add leg
          </button>
        )}
      </div>
      {placed.unplaced ? <ActionError error={placed.unplaced} /> : null}
      <button type="submit" className="primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create plan'}
      </button>
    </form>
  );
}

function LegEditor({
  index,
  leg,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  leg: LegDraft;
  errors: Record<string, string>;
  onChange: (changes: Partial<LegDraft>) => void;
  onRemove?: () => void;
}) {
  const latest = useLatestClose(leg.symbol.trim().toUpperCase() || undefined);
  const close = latest.close;
  // Prefill the entry price with the latest close while the user has not typed one.
  useEffect(() => {
    if (close !== undefined && leg.planned_entry_price === '') onChange({ planned_entry_price: toDecimalString(close) });
    // Only when the close arrives: never overwrite what the user typed.
  }, [close]);
  const error = (name: string) => errors[`legs[${index}].${name}`];
  return (
    <fieldset className="leg" aria-label={`Leg ${index + 1}`}>
      <legend>Leg {index + 1}</legend>
      <Field label="Symbol" error={error('symbol')}>
        <input
          name={`legs.${index}.symbol`}
          list="plan-symbols"
          value={leg.symbol}
          onChange={(e) => onChange({ symbol: e.target.value, planned_entry_price: '' })}
          required
        />
      </Field>
      <Field label="Side" error={error('side')}>
        <select name={`legs.${index}.side`} value={leg.side} onChange={(e) => onChange({ side: e.target.value as LegDraft['side'] })}>
          <option value="long">long</option>
          <option value="short">short</option>
        </select>
      </Field>
      <Field label="Quantity" error={error('planned_quantity')}>
        <input name={`legs.${index}.planned_quantity`} inputMode="decimal" value={leg.planned_quantity} onChange={(e) => onChange({ planned_quantity: e.target.value })} required />
      </Field>
      <Field
        label="Entry price"
        error={error('planned_entry_price')}
        hint={close !== undefined ? `Latest close ${toDecimalString(close)} (${formatUtc(latest.time)})` : undefined}
      >
        <input
          name={`legs.${index}.planned_entry_price`}
          inputMode="decimal"
          value={leg.planned_entry_price}
          onChange={(e) => onChange({ planned_entry_price: e.target.value })}
          required
        />
      </Field>
      <Field label="Stop" error={error('stop_price')}>
        <input name={`legs.${index}.stop_price`} inputMode="decimal" value={leg.stop_price} onChange={(e) => onChange({ stop_price: e.target.value })} />
      </Field>
      <Field label="Target" error={error('target_price')}>
        <input name={`legs.${index}.target_price`} inputMode="decimal" value={leg.target_price} onChange={(e) => onChange({ target_price: e.target.value })} />
      </Field>
      {onRemove && (
        <button type="button" className="danger small" onClick={onRemove} aria-label={`Remove leg ${index + 1}`}>
          ×
        </button>
      )}
    </fieldset>
  );
}
