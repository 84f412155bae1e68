// The permission matrix of the API (identity issue), mirrored to show or hide controls.
// The server stays the judge: a 403 is still handled where these say yes.

import type { Role } from '../api/types';

export type Action = 'read' | 'research' | 'trade' | 'manage';

const ALLOWED: Record<Role, readonly Action[]> = {
  viewer: ['read'],
  editor: ['read', 'research'],
  trader: ['read', 'research', 'trade'],
  owner: ['read', 'research', 'trade', 'manage'],
};

export const ROLES: readonly Role[] = ['owner', 'editor', 'trader', 'viewer'];

export function can(role: Role | null | undefined, action: Action): boolean {
  if (!role) return false;
  return ALLOWED[role]?.includes(action) ?? false;
}

export function isRole(text: string): text is Role {
  return (ROLES as readonly string[]).includes(text);
}

const WHAT: Record<Action, string> = {
  read: 'read this workspace',
  research: 'run backtests and create or cancel trade plans',
  trade: 'paper-open and paper-close plans and place orders',
  manage: 'manage members and rename the workspace',
};

const WHO: Record<Action, string> = {
  read: 'every member',
  research: 'editors, traders and owners',
  trade: 'traders and owners',
  manage: 'owners',
};

/** Why a control is unavailable: `Viewers cannot run backtests...; ask an owner...`. */
export function deniedReason(role: Role | null | undefined, action: Action): string {
  const who = role ? `Your role here is ${role}.` : 'You have no role in this workspace.';
  return `${who} Only ${WHO[action]} can ${WHAT[action]}.`;
}
