import { Role } from '../../src/auth/role.enum.js';
import { newCompany, newUser, type TestUser } from '../support/factories.js';
import { newLead } from '../support/lead-factory.js';
import {
  companyIdOf,
  droppableSocket,
  roomsOf,
  settle,
  waitFor,
  type DroppableSocket,
} from '../support/socket-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Row = Record<string, any>;

// Its own file: connection state recovery on one instance (the in-memory adapter's sessions).
describe('connection state recovery belongs to the session’s user', () => {
  let sut: TestApp;
  let admin: TestUser;
  const sockets: DroppableSocket[] = [];

  const open = async (user: TestUser): Promise<DroppableSocket> => {
    const socket = await droppableSocket(sut.url, user.token);
    sockets.push(socket);
    return socket;
  };
  /** A manager's tab that has received a first notification, so that it holds an offset. */
  const managerTab = async (): Promise<{ manager: TestUser; tab: DroppableSocket }> => {
    const manager = await newUser(sut, admin, Role.MANAGER);
    const tab = await open(manager);
    const first = await newLead(sut, admin, { assignedToId: manager.id });
    await waitFor(() => tab.created.some((n) => n.relatedLeadId === first.id));
    return { manager, tab };
  };
  const about = (lead: Row) => (n: Row) => n.relatedLeadId === lead.id;

  beforeAll(async () => {
    sut = await startTestApp({ TASK_DUE_CHECK_SECONDS: '0' });
    admin = await newCompany(sut);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(() => sut.close());

  it('the same user comes back to what it missed', async () => {
    const { manager, tab } = await managerTab();
    await tab.drop();
    const missed = await newLead(sut, admin, { assignedToId: manager.id });
    await tab.reconnect();
    await waitFor(() => tab.created.some(about(missed)));
    expect(tab.socket.recovered).toBe(true);
    expect(
      tab.created
        .filter(about(missed))
        .map((n) => n.type)
        .sort(),
    ).toEqual(['lead_assigned', 'lead_created']);
  });

  it.each([
    ['of the same company', () => Promise.resolve(admin)],
    ['of another company', () => newCompany(sut)],
  ])(
    'a tab that comes back signed in as a user %s gets nothing of the first user’s',
    async (_, adminOfSecond) => {
      const { manager, tab } = await managerTab();
      const secondAdmin = await adminOfSecond();
      const second = await newUser(sut, secondAdmin, Role.SALES_REP);
      await tab.drop();
      // Missed by the manager: a lead_created and a lead_assigned in the manager's room.
      const missed = await newLead(sut, admin, { assignedToId: manager.id });
      const before = tab.created.length;
      await tab.reconnect({ token: second.token });

      expect(tab.socket.recovered).toBe(false);
      expect(await roomsOf(sut, tab.socket.id)).toEqual(
        [tab.socket.id, `company:${companyIdOf(second)}`, `user:${second.id}`].sort(),
      );
      // The second user's own notification arrives; the manager's of the same lead does not.
      const later = await newLead(sut, secondAdmin, { assignedToId: second.id });
      await waitFor(() => tab.created.some(about(later)));
      await settle();
      const since = tab.created.slice(before);
      expect(since.filter(about(missed))).toEqual([]);
      expect(since.map((n) => [n.type, n.relatedLeadId])).toEqual([['lead_assigned', later.id]]);
    },
  );
});
