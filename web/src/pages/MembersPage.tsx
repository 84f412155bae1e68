// Members of the active workspace; owners add members, change roles and remove them.

import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { fieldError } from '../api/errors';
import { sessionKey, useMembers, workspacePath } from '../api/hooks';
import type { Member, Role } from '../api/types';
import { DataTable } from '../components/Table';
import { ActionError, Banner, Card, Field, QueryView } from '../components/ui';
import { formatUtc } from '../lib/format';
import { deniedReason, ROLES } from '../lib/permissions';
import { useWorkspace } from '../session';

export function MembersPage() {
  const { workspace, role, allows, session } = useWorkspace();
  const members = useMembers(workspace.id);
  const manage = allows('manage');
  return (
    <div className="page">
      <h1>
        Members of {workspace.name}
      </h1>
      {!manage && <Banner kind="locked">{deniedReason(role, 'manage')}</Banner>}
      <div className="grid two">
        <Card title="Members">
          <QueryView query={members} what="members">
            {(list) => <MembersTable members={list} manage={manage} currentUserId={session.user?.id} />}
          </QueryView>
        </Card>
        {manage && (
          <div className="page">
            <Card title="Add a member">
              <AddMember />
            </Card>
            <Card title="Rename the workspace">
              <RenameWorkspace />
            </Card>
          </div>
        )}
      </div>
      <Card title="What each role may do">
        <table className="data-table compact">
          <thead>
            <tr>
              <th>Action</th>
              {ROLES.map((name) => (
                <th key={name}>{name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[
              ['Read everything in the workspace', ['owner', 'editor', 'trader', 'viewer']],
              ['Run and delete backtests; create and cancel trade plans', ['owner', 'editor', 'trader']],
              ['Paper-open and paper-close plans; create and cancel orders', ['owner', 'trader']],
              ['Manage members; rename the workspace', ['owner']],
            ].map(([label, allowed]) => (
              <tr key={label as string}>
                <td>{label}</td>
                {ROLES.map((name) => (
                  <td key={name}>{(allowed as string[]).includes(name) ? '✓' : '—'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

function MembersTable({ members, manage, currentUserId }: { members: Member[]; manage: boolean; currentUserId?: string }) {
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['ws', workspace.id, 'members'] });
    // My own role may have changed.
    await queryClient.invalidateQueries({ queryKey: sessionKey });
  };
  const changeRole = useMutation({
    mutationFn: ({ member, newRole }: { member: Member; newRole: Role }) =>
      api<Member>(`${workspacePath(workspace.id)}/members`, { method: 'POST', body: { email: member.email, role: newRole } }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (member: Member) =>
      api<void>(`${workspacePath(workspace.id)}/members/${encodeURIComponent(member.user_id)}`, { method: 'DELETE' }),
    onSettled: refresh,
  });
  const error = changeRole.error ?? remove.error;
  return (
    <>
      {error && <ActionError error={error} />}
      <DataTable
        testId="members-table"
        rows={members}
        rowKey={(member) => member.user_id}
        initialSort={{ key: 'email', descending: false }}
        columns={[
          {
            key: 'email',
            label: 'E-mail',
            sortValue: (member) => member.email,
            render: (member) => (
              <>
                {member.email}
                {member.user_id === currentUserId && <span className="muted"> (you)</span>}
              </>
            ),
          },
          { key: 'name', label: 'Name', sortValue: (member) => member.display_name, render: (member) => member.display_name },
          {
            key: 'role',
            label: 'Role',
            sortValue: (member) => member.role,
            render: (member) =>
              manage ? (
                <select
                  aria-label={`Role of ${member.email}`}
                  value={member.role}
                  disabled={changeRole.isPending}
                  onChange={(event) => {
                    changeRole.reset();
                    remove.reset();
                    changeRole.mutate({ member, newRole: event.target.value as Role });
                  }}
                >
                  {ROLES.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              ) : (
                <span className={`role-badge role-${member.role}`}>{member.role}</span>
              ),
          },
          { key: 'joined', label: 'Joined', sortValue: (member) => member.joined_at, render: (member) => formatUtc(member.joined_at) },
          ...(manage
            ? [
                {
                  key: 'actions',
                  label: '',
                  render: (member: Member) => (
                    <button
                      type="button"
                      className="danger small"
                      aria-label={`Remove ${member.email}`}
                      disabled={remove.isPending}
                      onClick={() => {
                        changeRole.reset();
                        remove.reset();
                        if (window.confirm(`Remove ${member.email} from ${workspace.name}?`)) remove.mutate(member);
                      }}
                    >
                      Remove
                    </button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

function AddMember() {
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');
  const [added, setAdded] = useState<string>();
  const add = useMutation({
    mutationFn: () =>
      api<Member>(`${workspacePath(workspace.id)}/members`, {
        method: 'POST',
        body: { email, role, display_name: displayName || undefined, password: password || undefined },
      }),
    onSuccess: (member) => {
      setAdded(`${member.email} is now ${member.role}.`);
      setEmail('');
      setDisplayName('');
      setPassword('');
      void queryClient.invalidateQueries({ queryKey: ['ws', workspace.id, 'members'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(undefined);
    add.mutate();
  };
  const fields = ['email', 'role', 'display_name', 'password'];
  return (
    <form onSubmit={submit} aria-label="Add member" className="form">
      <Field label="E-mail" error={fieldError(add.error, 'email')}>
        <input name="member-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </Field>
      <Field label="Role" error={fieldError(add.error, 'role')}>
        <select name="member-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Display name" error={fieldError(add.error, 'display_name')} hint="For a new account">
        <input name="member-name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </Field>
      <Field label="Initial password" error={fieldError(add.error, 'password')} hint="For a new account, at least 8 characters">
        <input name="member-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      {add.error && !fieldError(add.error, ...fields) ? <ActionError error={add.error} /> : null}
      {added && (
        <div className="success" role="status">
          {added}
        </div>
      )}
      <button type="submit" className="primary" disabled={add.isPending}>
        {add.isPending ? 'Adding…' : 'Add member'}
      </button>
    </form>
  );
}

function RenameWorkspace() {
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const [name, setName] = useState(workspace.name);
  const rename = useMutation({
    mutationFn: () => api(`${workspacePath(workspace.id)}`, { method: 'PATCH', body: { name } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKey }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Rename workspace" className="form">
      <Field label="Name" error={fieldError(rename.error, 'name')}>
        <input name="rename" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
      </Field>
      {rename.error && !fieldError(rename.error, 'name') ? <ActionError error={rename.error} /> : null}
      <button type="submit" className="secondary" disabled={rename.isPending || name === workspace.name}>
        Rename
      </button>
    </form>
  );
}
