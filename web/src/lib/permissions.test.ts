import { describe, expect, it } from 'vitest';
import { can, deniedReason, isRole } from './permissions';

describe('permissions', () => {
  it('follows the API permission matrix, cell by cell', () => {
    const matrix = {
      viewer: { read: true, research: false, trade: false, manage: false },
      editor: { read: true, research: true, trade: false, manage: false },
      trader: { read: true, research: true, trade: true, manage: false },
      owner: { read: true, research: true, trade: true, manage: true },
    } as const;
    for (const [role, row] of Object.entries(matrix)) {
      for (const [action, allowed] of Object.entries(row)) {
        expect(can(role as keyof typeof matrix, action as keyof typeof row), `${role} ${action}`).toBe(allowed);
      }
    }
  });

  it('denies without a role and explains why', () => {
    expect(can(null, 'read')).toBe(false);
    expect(can(undefined, 'research')).toBe(false);
    expect(deniedReason('viewer', 'research')).toBe(
      'Your role here is viewer. Only editors, traders and owners can run backtests and create or cancel trade plans.',
    );
    expect(isRole('trader')).toBe(true);
    expect(isRole('admin')).toBe(false);
  });
});
