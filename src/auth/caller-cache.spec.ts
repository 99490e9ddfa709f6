import { ActorKind } from '../common/events/actor.js';
import type { DomainEvent } from '../common/events/domain-event.js';
import type { UserRecord } from '../users/models/user.model.js';
import { UserEvents } from '../users/users.events.js';
import { Role } from './role.enum.js';
import { CallerCache } from './caller-cache.js';

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

describe('CallerCache', () => {
  it('keeps a user it looked up, until that user changes', async () => {
    const sut = new CallerCache(null);
    let loads = 0;
    const load = async (): Promise<UserRecord> => (loads++, user(true));
    await sut.get('u1', load);
    await sut.get('u1', load);
    expect(loads).toBe(1);
    await sut.onUserChanged(deactivated);
    await sut.get('u1', load);
    expect(loads).toBe(2);
  });

  it('does not keep a row read while the user was being changed', async () => {
    const sut = new CallerCache(null);
    let finishStaleRead!: (row: UserRecord) => void;
    const stale = sut.get('u1', () => new Promise((resolve) => (finishStaleRead = resolve)));
    // The deactivation commits while that read is in flight; the read then returns the old row.
    await sut.onUserChanged(deactivated);
    finishStaleRead(user(true));
    expect((await stale)?.isActive).toBe(true);

    const next = await sut.get('u1', async () => user(false));
    expect(next?.isActive).toBe(false);
  });
});
