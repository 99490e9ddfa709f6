import type { UserCaller } from '../../src/auth/auth-context.js';
import { AuditModule } from '../../src/audit/audit.module.js';
import { DealsModule } from '../../src/deals/deals.module.js';
import { NotificationType } from '../../src/notifications/notification-type.enum.js';
import { NotificationsModule } from '../../src/notifications/notifications.module.js';
import { NotificationsService } from '../../src/notifications/notifications.service.js';
import { newDeal } from '../support/deal-factory.js';
import { newApiKey, newTeam, newUser, type Team } from '../support/factories.js';
import { startServices, type ServiceHarness } from '../support/service-harness.js';

describe('NotificationsService', () => {
  let harness: ServiceHarness;
  let sut: NotificationsService;
  let team: Team<UserCaller>;

  const idsOf = async (user: UserCaller): Promise<string[]> =>
    (await sut.page(user, {})).rows.map((n) => n.id);

  /** A deal the manager gives `to`: deal.assigned notifies its new assignee, in its transaction. */
  const assignDealTo = async (to: UserCaller): Promise<string> => {
    const deal = await newDeal(harness, team.manager, { assignedToId: to.userId });
    const [notification] = (await sut.page(to, {})).rows.filter((n) => n.relatedDealId === deal.id);
    return notification.id;
  };

  beforeAll(async () => {
    harness = await startServices(
      [NotificationsModule, DealsModule, AuditModule],
      {},
      { realtime: true },
    );
    sut = harness.get(NotificationsService);
    team = await newTeam(harness);
  });
  afterAll(() => harness.close());

  it('gives the assignee of a deal its notification, and no one else', async () => {
    const deal = await newDeal(harness, team.manager, { assignedToId: team.rep.userId });

    const [mine] = (await sut.page(team.rep, {})).rows;
    expect(mine).toMatchObject({
      recipientId: team.rep.userId,
      companyId: team.rep.companyId,
      type: NotificationType.DEAL_ASSIGNED,
      relatedDealId: deal.id,
      isRead: false,
    });
    expect(await sut.count(team.rep, true)).toBe(1);
    // The actor is never told of their own act; colleagues and other companies hear nothing.
    for (const other of [team.manager, team.otherRep, team.outsider])
      expect(await idsOf(other)).toEqual([]);
  });

  it('marks a notification read for its recipient only; another’s reads as missing', async () => {
    const id = await assignDealTo(team.otherRep);

    await expect(sut.markAsRead(team.rep, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(sut.markAsRead(team.outsider, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(sut.remove(team.admin, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const read = await sut.markAsRead(team.otherRep, id);
    expect(read).toMatchObject({ id, isRead: true });
    expect(read.readAt).toBeInstanceOf(Date);
    expect(
      (await sut.page(team.otherRep, { unreadOnly: true })).rows.map((n) => n.id),
    ).not.toContain(id);
  });

  it('marks all of the caller’s unread notifications read, and only theirs', async () => {
    const reader = await newUser(harness, team.admin);
    await assignDealTo(reader);
    await assignDealTo(reader);
    const bystander = await newUser(harness, team.admin);
    await assignDealTo(bystander);

    expect(await sut.markAllAsRead(reader)).toBe(2);
    expect(await sut.count(reader, true)).toBe(0);
    expect(await sut.markAllAsRead(reader)).toBe(0);
    expect(await sut.count(bystander, true)).toBe(1);
  });

  it('removes a notification for its recipient', async () => {
    const id = await assignDealTo(team.rep);
    expect(await sut.remove(team.rep, id)).toBe(true);
    expect(await idsOf(team.rep)).not.toContain(id);
    await expect(sut.remove(team.rep, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('has none for an API key: notifications are a person’s', async () => {
    const key = await newApiKey(harness, team.admin);
    await expect(sut.page(key, {})).rejects.toMatchObject({
      code: 'FORBIDDEN',
      reason: 'USER_REQUIRED',
    });
    await expect(sut.markAllAsRead(key)).rejects.toMatchObject({ reason: 'USER_REQUIRED' });
  });
});
