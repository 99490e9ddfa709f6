import { readFileSync } from 'node:fs';
import { ForbiddenException } from '../common/errors/app.exception.js';
import type { AuthContext } from './auth-context.js';
import { Action, authorize, can, permissionTableMarkdown } from './permissions.js';
import { Role } from './role.enum.js';

const caller = (role: Role): AuthContext => ({
  userId: 'u',
  companyId: 'c',
  role,
  requestId: 'r',
  ip: '127.0.0.1',
});

describe('permissions', () => {
  it('gives ADMIN every action', () => {
    expect(Object.values(Action).every((action) => can(Role.ADMIN, action))).toBe(true);
  });

  it('keeps user, API key and audit administration to ADMIN', () => {
    for (const action of [
      Action.ManageUsers,
      Action.ManageApiKeys,
      Action.ReadAuditLogs,
      Action.PurgeRecords,
    ]) {
      expect([can(Role.MANAGER, action), can(Role.SALES_REP, action)]).toEqual([false, false]);
    }
  });

  it('lets a SALES_REP change only what is assigned to them', () => {
    expect(can(Role.SALES_REP, Action.WriteAssignedRecord)).toBe(true);
    expect(can(Role.SALES_REP, Action.WriteAnyRecord)).toBe(false);
    expect(can(Role.MANAGER, Action.WriteAnyRecord)).toBe(true);
  });

  it('authorize throws FORBIDDEN naming the role and the action', () => {
    expect(() => authorize(caller(Role.SALES_REP), Action.ManageApiKeys)).toThrow(
      ForbiddenException,
    );
    expect(() => authorize(caller(Role.SALES_REP), Action.ManageApiKeys)).toThrow(
      /SALES_REP.*API keys/,
    );
    expect(() => authorize(caller(Role.ADMIN), Action.ManageApiKeys)).not.toThrow();
  });

  it('is printed in the README exactly as the code has it', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const printed = /<!-- permissions:start -->\n([\s\S]*?)\n<!-- permissions:end -->/.exec(
      readme,
    )?.[1];
    expect(printed).toBe(permissionTableMarkdown());
  });
});
