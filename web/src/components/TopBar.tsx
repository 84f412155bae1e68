// The top bar: navigation, the active workspace (switch, create), the user and logout.

import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { fieldError } from '../api/errors';
import { sessionKey } from '../api/hooks';
import type { Session, Workspace } from '../api/types';
import { href } from '../lib/router';
import { useWorkspace } from '../session';
import { ActionError, Field } from './ui';

const NAV = [
  { id: 'chart', label: 'Chart' },
  { id: 'scanners', label: 'Scanners' },
  { id: 'backtests', label: 'Backtests' },
  { id: 'paper', label: 'Paper trading' },
  { id: 'orders', label: 'Orders' },
  { id: 'members', label: 'Members' },
];

export function TopBar({ current }: { current: string }) {
  const { session, workspace, role } = useWorkspace();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);

  const switchTo = useMutation({
    mutationFn: (workspaceId: string) =>
      api<Session>('/me/active-workspace', { method: 'PUT', body: { workspace_id: workspaceId } }),
    onSuccess: (next) => queryClient.setQueryData(sessionKey, next),
  });

  const logout = useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    onSuccess: async () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
      await queryClient.refetchQueries({ queryKey: sessionKey });
    },
  });

  return (
    <header className="topbar">
      <a className="brand" href={href('/chart')}>
        ◆ Workbench
      </a>
      <nav className="nav">
        {NAV.map((item) => (
          <a key={item.id} href={href(`/${item.id}`)} className={current === item.id ? 'active' : undefined}>
            {item.label}
          </a>
        ))}
      </nav>
      <div className="topbar-right">
        <label className="workspace-switcher">
          <span className="muted">Workspace</span>
          <select
            aria-label="Active workspace"
            value={workspace.id}
            disabled={switchTo.isPending}
            onChange={(event) => switchTo.mutate(event.target.value)}
          >
            {session.workspaces.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name} ({candidate.role})
              </option>
            ))}
          </select>
        </label>
        <span className={`role-badge role-${role}`} data-testid="role-badge" title="Your role in this workspace">
          {role}
        </span>
        <button type="button" className="secondary small" onClick={() => setCreating((open) => !open)} aria-expanded={creating}>
          + New workspace
        </button>
        <span className="user" title={session.user?.email}>
          {session.user?.display_name ?? 'Local user'}
        </span>
        {session.auth_mode === 'password' && (
          <button type="button" className="secondary small" onClick={() => logout.mutate()} disabled={logout.isPending}>
            Log out
          </button>
        )}
      </div>
      {switchTo.error && (
        <div className="topbar-error">
          <ActionError error={switchTo.error} />
        </div>
      )}
      {logout.error && (
        <div className="topbar-error">
          <ActionError error={logout.error} />
        </div>
      )}
      {creating && <CreateWorkspace onDone={() => setCreating(false)} />}
    </header>
  );
}

export function CreateWorkspace({ onDone }: { onDone?: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [quote, setQuote] = useState('USDT');
  const create = useMutation({
    mutationFn: async () => {
      const created = await api<Workspace>('/workspaces', { method: 'POST', body: { name, default_quote_asset: quote } });
      return api<Session>('/me/active-workspace', { method: 'PUT', body: { workspace_id: created.id } });
    },
    onSuccess: (next) => {
      queryClient.setQueryData(sessionKey, next);
      onDone?.();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form className="popover" onSubmit={submit} aria-label="Create workspace">
      <h3>New workspace</h3>
      <Field label="Name" error={fieldError(create.error, 'name')}>
        <input name="workspace-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoFocus />
      </Field>
      <Field label="Quote asset" error={fieldError(create.error, 'default_quote_asset')} hint="Balances and universes are quoted in it">
        <input name="workspace-quote" value={quote} onChange={(e) => setQuote(e.target.value.toUpperCase())} required />
      </Field>
      {create.error && !fieldError(create.error, 'name', 'default_quote_asset') ? <ActionError error={create.error} /> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create and open'}
        </button>
        {onDone && (
          <button type="button" className="secondary" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
