import { readFileSync } from 'node:fs';
import { ActorKind } from '../common/events/actor.js';
import { ApiKeyScope } from './api-key-scope.enum.js';
import { systemCaller, type AuthContext } from './auth-context.js';
import { AuthException } from './auth.exception.js';
import {
  Action,
  authorize,
  authorizeRecordChange,
  can,
  permissionTableMarkdown,
} from './permissions.js';
import { Role } from './role.enum.js';

const user = (role: Role, userId = 'u'): AuthContext => ({
  kind: ActorKind.USER,
  userId,
  companyId: 'c',
  role,
  requestId: 'r',
  ip: '127.0.0.1',
});

const apiKey = (scopes: ApiKeyScope[]): AuthContext => ({
  kind: ActorKind.API_KEY,
  apiKeyId: 'k',
  companyId: 'c',
  scopes,
  requestId: 'r',
  ip: '127.0.0.1',
});

function thrown(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

describe('permissions', () => {
  it('gives ADMIN every action', () => {
    expect(Object.values(Action).every((action) => can(user(Role.ADMIN), action))).toBe(true);
  });

  it('keeps user, API key and audit administration to ADMIN, and away from the system', () => {
    for (const action of [
      Action.ManageUsers,
      Action.ManageApiKeys,
      Action.ReadAuditLogs,
      Action.PurgeRecords,
    ]) {
      expect([
        can(user(Role.MANAGER), action),
        can(user(Role.SALES_REP), action),
        can(systemCaller('c', 'test'), action),
      ]).toEqual([false, false, false]);
    }
  });

  it('lets a SALES_REP change only what is assigned to them', () => {
    expect(can(user(Role.SALES_REP), Action.WriteAssignedRecord)).toBe(true);
    expect(can(user(Role.SALES_REP), Action.WriteAnyRecord)).toBe(false);
    expect(can(user(Role.MANAGER), Action.WriteAnyRecord)).toBe(true);
    expect(() => authorizeRecordChange(user(Role.SALES_REP, 'me'), 'me')).not.toThrow();
    expect(() => authorizeRecordChange(user(Role.SALES_REP, 'me'), 'other')).toThrow(
      /assigned to you/,
    );
  });

  it('lets an INGEST key create a lead, find one by e-mail and fill its empty fields — nothing else', () => {
    const ingest = apiKey([ApiKeyScope.INGEST]);
    const allowed = Object.values(Action).filter((action) => can(ingest, action));
    expect(allowed.sort()).toEqual(
      [Action.CreateLeads, Action.FindLeadByEmail, Action.FillEmptyLeadFields].sort(),
    );
    expect(() => authorizeRecordChange(ingest, null)).toThrow(AuthException);
    expect(Object.values(Action).some((action) => can(apiKey([]), action))).toBe(false);
  });

  it('authorize throws FORBIDDEN naming the caller and the action', () => {
    expect(() => authorize(user(Role.SALES_REP), Action.ManageApiKeys)).toThrow(
      /SALES_REP.*API keys/,
    );
    expect(() => authorize(apiKey([ApiKeyScope.INGEST]), Action.ReadRecords)).toThrow(
      /This API key may not read records/,
    );
    expect(thrown(() => authorize(user(Role.SALES_REP), Action.ManageApiKeys))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_PERMITTED',
    });
    expect(() => authorize(user(Role.ADMIN), Action.ManageApiKeys)).not.toThrow();
  });

  it('is printed in docs/security.md exactly as the code has it', () => {
    const readme = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8');
    const printed = /<!-- permissions:start -->\n([\s\S]*?)\n<!-- permissions:end -->/.exec(
      readme,
    )?.[1];
    expect(printed).toBe(permissionTableMarkdown());
  });
});
