// The caller and the active workspace, for every screen below the top bar.

import { createContext, useContext } from 'react';
import type { Role, Session, Workspace } from './api/types';
import { can, type Action } from './lib/permissions';

export interface WorkspaceContextValue {
  session: Session;
  workspace: Workspace;
  role: Role;
  /** Whether the role may do `action` (mirrors the server's matrix). */
  allows: (action: Action) => boolean;
}

export const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside a workspace');
  return value;
}

export function workspaceContext(session: Session, workspace: Workspace): WorkspaceContextValue {
  return { session, workspace, role: workspace.role, allows: (action) => can(workspace.role, action) };
}
