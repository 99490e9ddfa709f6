import { ActorKind } from '../common/events/actor.js';
import type { DomainEvent } from '../common/events/domain-event.js';
import type { UserRecord } from '../users/user.record.js';
import { UserEvents } from '../users/users.events.js';
import { Role } from './role.enum.js';
import { AuthEvents } from './auth.events.js';
import { CallerCache, type Caller } from './caller-cache.js';

const user = (isActive: boolean): UserRecord => ({
  id: 'u1',
  companyId: 'c1',
  email: 'rep@example.com',
  firstName: 'R',
  lastName: 'E',
  role: Role.SALES_REP,
  isActive,
  createdAt: new Date(0),
});

const deactivated: DomainEvent<typeof UserEvents.Deactivated> = {
  name: UserEvents.Deactivated,
  payload: {
    entity: 'User',
    records: [{ id: 'u1', changes: { isActive: { from: true, to: false } } }],
  },
  actor: {
    kind: ActorKind.USER,
    companyId: 'c1',
    userId: 'admin',
    apiKeyId: null,
    requestId: 'r',
    ip: null,
  },
};

const loggedOut = (sessionId: string | null): DomainEvent<typeof AuthEvents.LoggedOut> => ({
  ...deactivated,
  name: AuthEvents.LoggedOut,
  payload: { entity: 'User', records: [{ id: 'u1', details: { sessionId } }] },
});

const caller = (isActive: boolean): Caller => ({ user: user(isActive), sessionLive: true });

describe('CallerCache', () => {
  it('keeps a caller it looked up, until that user changes', async () => {
    const sut = new CallerCache(null);
    let loads = 0;
    const load = async (): Promise<Caller> => (loads++, caller(true));
    await sut.get('u1', 's1', load);
    await sut.get('u1', 's1', load);
    expect(loads).toBe(1);
    await sut.onUserChanged(deactivated);
    await sut.get('u1', 's1', load);
    expect(loads).toBe(2);
  });

  it('forgets one session on its logout, and every session on a logout from all', async () => {
    const sut = new CallerCache(null);
    let loads = 0;
    const load = async (): Promise<Caller> => (loads++, caller(true));
    await sut.get('u1', 's1', load);
    await sut.get('u1', 's2', load);
    await sut.onSessionEnded(loggedOut('s1'));
    await sut.get('u1', 's1', load);
    await sut.get('u1', 's2', load);
    expect(loads).toBe(3); // s1 again; s2 still cached
    await sut.onSessionEnded(loggedOut(null));
    await sut.get('u1', 's1', load);
    await sut.get('u1', 's2', load);
    expect(loads).toBe(5);
  });

  it('does not keep a row read while the user was being changed', async () => {
    const sut = new CallerCache(null);
    let finishStaleRead!: (row: Caller) => void;
    const stale = sut.get('u1', 's1', () => new Promise((resolve) => (finishStaleRead = resolve)));
    // The deactivation commits while that read is in flight; the read then returns the old row.
    await sut.onUserChanged(deactivated);
    finishStaleRead(caller(true));
    expect((await stale)?.user.isActive).toBe(true);

    const next = await sut.get('u1', 's1', async () => caller(false));
    expect(next?.user.isActive).toBe(false);
  });
});
