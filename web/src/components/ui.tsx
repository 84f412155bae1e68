// Small building blocks: loading and error states, form fields, cards, banners, tabs.

import { Component, type ErrorInfo, type ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { describeError } from '../api/errors';

export function Loading({ what }: { what?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      Loading{what ? ` ${what}` : ''}…
    </div>
  );
}

export function ErrorState({ error, what, onRetry }: { error: unknown; what?: string; onRetry?: () => void }) {
  return (
    <div className="error-state" role="alert" data-testid="error-state">
      <strong>{what ? `Could not load ${what}.` : 'Something went wrong.'}</strong>
      <span>{describeError(error)}</span>
      {onRetry && (
        <button type="button" className="secondary" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

/** Renders the data of a query, or its loading or error state. */
export function QueryView<T>({
  query,
  what,
  children,
}: {
  query: UseQueryResult<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return query.fetchStatus === 'idle' ? null : <Loading what={what} />;
  if (query.isError) return <ErrorState error={query.error} what={what} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

/** An inline message for a failed action (a mutation), next to its button. */
export function ActionError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div className="action-error" role="alert">
      {describeError(error)}
    </div>
  );
}

export function Field({
  label,
  error,
  hint,
  children,
  className,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <label className={`field${error ? ' has-error' : ''}${className ? ' ' + className : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {hint && !error && <span className="field-hint">{hint}</span>}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

export function Card({ title, actions, children, className }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`card${className ? ' ' + className : ''}`}>
      {(title || actions) && (
        <header className="card-header">
          {title && <h2>{title}</h2>}
          {actions && <div className="card-actions">{actions}</div>}
        </header>
      )}
      <div className="card-body">{children}</div>
    </section>
  );
}

export function Banner({ kind = 'info', children }: { kind?: 'info' | 'warning' | 'locked'; children: ReactNode }) {
  return (
    <div className={`banner banner-${kind}`} role="note">
      {children}
    </div>
  );
}

export function Tabs<T extends string>({
  tabs,
  value,
  onChange,
}: {
  tabs: { id: T; label: string }[];
  value: T;
  onChange: (id: T) => void;
}) {
  return (
    <div className="tabs" role="tablist">
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          aria-selected={tab.id === value}
          className={tab.id === value ? 'tab active' : 'tab'}
          onClick={() => onChange(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

export function Metric({ label, value, tone }: { label: string; value: ReactNode; tone?: string }) {
  return (
    <div className="metric" data-testid="metric">
      <div className="metric-label">{label}</div>
      <div className={`metric-value${tone ? ' ' + tone : ''}`}>{value}</div>
    </div>
  );
}

/** Keeps a rendering error from blanking the whole page. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { error: unknown }> {
  state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('render error', error, info.componentStack);
  }

  componentDidUpdate(previous: { resetKey?: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  render() {
    if (this.state.error) {
      return <ErrorState error={this.state.error} what="this screen" onRetry={() => this.setState({ error: null })} />;
    }
    return this.props.children;
  }
}
