import type { UserCaller } from '../../src/auth/auth-context.js';
import { Role } from '../../src/auth/role.enum.js';
import { AuditModule } from '../../src/audit/audit.module.js';
import { UsersModule } from '../../src/users/users.module.js';
import { UsersService } from '../../src/users/users.service.js';
import { newCompany, newTeam, newUser, PASSWORD, unique, type Team } from '../support/factories.js';
import { auditOf, startServices, type ServiceHarness } from '../support/service-harness.js';

describe('UsersService', () => {
  let harness: ServiceHarness;
  let sut: UsersService;
  let team: Team<UserCaller>;

  const input = (role: Role = Role.SALES_REP) => ({
    email: `new-${unique()}@example.com`,
    password: PASSWORD,
    firstName: 'Nia',
    lastName: 'New',
    role,
  });

  beforeAll(async () => {
    harness = await startServices([UsersModule, AuditModule]);
    sut = harness.get(UsersService);
    team = await newTeam(harness);
  });
  afterAll(() => harness.close());

  it('lets an ADMIN add a user to their company, audited in its transaction', async () => {
    const wanted = input(Role.MANAGER);
    const user = await sut.create(team.admin, wanted);

    expect([user.companyId, user.email, user.role]).toEqual([
      team.admin.companyId,
      wanted.email,
      Role.MANAGER,
    ]);
    const [{ password_hash: hash }] = await harness.sql<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = $1',
      [user.id],
    );
    expect(hash).not.toContain(PASSWORD);
    expect(await auditOf(harness, user.id)).toEqual([
      expect.objectContaining({ action: 'user.created', actor_user_id: team.admin.userId }),
    ]);
    expect((await sut.findOne(team.rep, user.id))?.id).toBe(user.id);
  });

  it('refuses MANAGER and SALES_REP managing users', async () => {
    for (const caller of [team.manager, team.rep]) {
      await expect(sut.create(caller, input())).rejects.toMatchObject({
        code: 'FORBIDDEN',
        reason: 'NOT_PERMITTED',
      });
      await expect(
        sut.updateRole(caller, { userId: team.otherRep.userId, role: Role.ADMIN }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(sut.deactivate(caller, team.otherRep.userId)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
  });

  it('refuses an e-mail any company already uses', async () => {
    const taken = input();
    await sut.create(team.outsider, taken);
    await expect(sut.create(team.admin, { ...input(), email: taken.email })).rejects.toMatchObject({
      code: 'CONFLICT',
      reason: 'EMAIL_TAKEN',
    });
  });

  it('reads another company’s user as missing', async () => {
    expect(await sut.findOne(team.admin, team.outsider.userId)).toBeNull();
    await expect(
      sut.updateRole(team.admin, { userId: team.outsider.userId, role: Role.SALES_REP }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(sut.deactivate(team.admin, team.outsider.userId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const listed = (await sut.page(team.admin, { first: 100 })).rows.map((u) => u.id);
    expect(listed).toEqual(expect.arrayContaining([team.rep.userId, team.manager.userId]));
    expect(listed).not.toContain(team.outsider.userId);
    expect(await sut.count(team.admin)).toBe(listed.length);
  });

  it('changes a role and deactivates a user, each audited', async () => {
    const user = await newUser(harness, team.admin);
    expect(
      (await sut.updateRole(team.admin, { userId: user.userId, role: Role.MANAGER })).role,
    ).toBe(Role.MANAGER);
    expect((await sut.deactivate(team.admin, user.userId)).isActive).toBe(false);

    const trail = await auditOf(harness, user.userId);
    expect(trail.map((row) => row.action).sort()).toEqual([
      'user.deactivated',
      'user.role_changed',
    ]);
    expect(trail.find((row) => row.action === 'user.role_changed')?.changes).toEqual({
      role: { from: Role.SALES_REP, to: Role.MANAGER },
    });
  });

  it('keeps a company’s last active ADMIN, and refuses deactivating oneself', async () => {
    const solo = await newCompany(harness);
    await expect(
      sut.updateRole(solo, { userId: solo.userId, role: Role.MANAGER }),
    ).rejects.toMatchObject({ reason: 'LAST_ADMIN' });
    await expect(sut.deactivate(solo, solo.userId)).rejects.toMatchObject({
      reason: 'SELF_DEACTIVATION',
    });

    const second = await newUser(harness, solo, Role.ADMIN);
    expect((await sut.updateRole(second, { userId: solo.userId, role: Role.MANAGER })).role).toBe(
      Role.MANAGER,
    );
    await expect(sut.deactivate(second, solo.userId)).resolves.toMatchObject({});
    const [{ role }] = await harness.sql<{ role: string }>('SELECT role FROM users WHERE id = $1', [
      solo.userId,
    ]);
    expect(role).toBe(Role.MANAGER);
  });
});
