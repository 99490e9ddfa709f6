import { newCompany, type TestUser } from '../support/factories.js';
import { newInteraction, newLead } from '../support/lead-factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const LEAD = 'query($id: ID!) { lead(id: $id) { activityScore scoreCalculatedAt updatedAt } }';
const UPDATE =
  'mutation($i: UpdateInteractionInput!) { updateInteraction(updateInteractionInput: $i) { id } }';
const REMOVE = 'mutation($id: ID!) { removeInteraction(id: $id) }';

describe('activity score, kept current by interactions', () => {
  let sut: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    sut = await startTestApp();
    admin = await newCompany(sut);
  });
  afterAll(() => sut.close());

  const scoreOf = async (id: string) =>
    (await sut.gql(LEAD, { id }, admin.token)).data?.lead as {
      activityScore: number | null;
      scoreCalculatedAt: string | null;
      updatedAt: string;
    };

  it('rescores a lead when its interactions are created, changed and removed, never as an edit', async () => {
    const lead = await newLead(sut, admin);
    const fresh = await scoreOf(lead.id);
    expect(fresh.activityScore).toBeNull();
    expect(fresh.scoreCalculatedAt).toBeNull();

    const now = new Date().toISOString();
    const meeting = await newInteraction(sut, admin, lead.id, { type: 'MEETING', date: now });
    const afterOne = await scoreOf(lead.id);
    expect(afterOne.activityScore).toBe(33);
    expect(afterOne.scoreCalculatedAt).not.toBeNull();
    expect(afterOne.updatedAt).toBe(fresh.updatedAt);

    await newInteraction(sut, admin, lead.id, { type: 'MEETING', date: now });
    expect((await scoreOf(lead.id)).activityScore).toBe(55);

    const changed = await sut.gql(UPDATE, { i: { id: meeting.id, type: 'EMAIL' } }, admin.token);
    expect(changed.errors).toBeUndefined();
    // A meeting and an e-mail today: 100 × (1 − e^(−13/25)) = 41.
    expect((await scoreOf(lead.id)).activityScore).toBe(41);

    expect((await sut.gql(REMOVE, { id: meeting.id }, admin.token)).errors).toBeUndefined();
    const afterRemove = await scoreOf(lead.id);
    expect(afterRemove.activityScore).toBe(33);
    expect(afterRemove.updatedAt).toBe(fresh.updatedAt);
  });

  it('leaves another company’s leads as they were', async () => {
    const other = await newCompany(sut);
    const theirs = await newLead(sut, other);
    await newInteraction(sut, admin, (await newLead(sut, admin)).id, { type: 'CALL' });
    const read = await sut.gql(LEAD, { id: theirs.id }, other.token);
    expect(read.data?.lead).toMatchObject({ activityScore: null, scoreCalculatedAt: null });
  });
});
