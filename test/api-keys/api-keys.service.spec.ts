import { ApiKeyScope } from '../../src/auth/api-key-scope.enum.js';
import type { UserCaller } from '../../src/auth/auth-context.js';
import { AuditModule } from '../../src/audit/audit.module.js';
import { ApiKeysModule } from '../../src/api-keys/api-keys.module.js';
import { ApiKeysService } from '../../src/api-keys/api-keys.service.js';
import { newTeam, type Team } from '../support/factories.js';
import { auditOf, startServices, type ServiceHarness } from '../support/service-harness.js';

const meta = { requestId: 'req-1', ip: '203.0.113.7' };

describe('ApiKeysService', () => {
  let harness: ServiceHarness;
  let sut: ApiKeysService;
  let team: Team<UserCaller>;

  beforeAll(async () => {
    harness = await startServices([ApiKeysModule, AuditModule]);
    sut = harness.get(ApiKeysService);
    team = await newTeam(harness);
  });
  afterAll(() => harness.close());

  it('creates a key whose secret is shown once and stored only as a hash', async () => {
    const { apiKey, secret } = await sut.create(team.admin, {
      name: 'Web form',
      scopes: [ApiKeyScope.INGEST],
    });

    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    const [row] = await harness.sql<{ key_hash: string; company_id: string }>(
      'SELECT key_hash, company_id FROM api_keys WHERE id = $1',
      [apiKey.id],
    );
    expect(row.company_id).toBe(team.admin.companyId);
    expect(row.key_hash).not.toContain(secret);
    expect(row.key_hash).toBe(sut.hashOf(secret));
    expect(await auditOf(harness, apiKey.id)).toEqual([
      expect.objectContaining({ action: 'api_key.created', actor_user_id: team.admin.userId }),
    ]);

    const caller = await sut.authenticate(meta, secret, ApiKeyScope.INGEST);
    expect(caller).toMatchObject({ apiKeyId: apiKey.id, companyId: team.admin.companyId });
    expect(await sut.authenticate(meta, `${secret}x`, ApiKeyScope.INGEST)).toBeNull();
  });

  it('lets only an ADMIN manage keys', async () => {
    const { apiKey } = await sut.create(team.admin, { name: 'Kept', scopes: [ApiKeyScope.INGEST] });
    for (const caller of [team.manager, team.rep]) {
      await expect(
        sut.create(caller, { name: 'Mine', scopes: [ApiKeyScope.INGEST] }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_PERMITTED' });
      await expect(sut.revoke(caller, apiKey.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(Promise.resolve().then(() => sut.list(caller))).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
  });

  it('reads another company’s key as missing', async () => {
    const { apiKey: foreign } = await sut.create(team.outsider, {
      name: 'Theirs',
      scopes: [ApiKeyScope.INGEST],
    });

    await expect(sut.revoke(team.admin, foreign.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await sut.list(team.admin)).map((key) => key.id)).not.toContain(foreign.id);
    expect((await sut.list(team.outsider)).map((key) => key.id)).toContain(foreign.id);
  });

  it('revokes a key: its secret stops working, and the revocation is audited', async () => {
    const { apiKey, secret } = await sut.create(team.admin, {
      name: 'Old form',
      scopes: [ApiKeyScope.INGEST],
    });

    const revoked = await sut.revoke(team.admin, apiKey.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await sut.authenticate(meta, secret, ApiKeyScope.INGEST)).toBeNull();
    expect(await sut.usableKeyCompany(sut.hashOf(secret)!, ApiKeyScope.INGEST)).toBeNull();
    const actions = (await auditOf(harness, apiKey.id)).map((row) => row.action);
    expect(actions.sort()).toEqual(['api_key.created', 'api_key.revoked']);
  });
});
