import { QueryTypes } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { newCompany, type TestUser } from '../support/factories.js';
import { newInteraction, newLead } from '../support/lead-factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const LEAD =
  'query($id: ID!) { lead(id: $id) { activityScore scoreCalculatedAt createdAt updatedAt } }';
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
      createdAt: string;
      updatedAt: string;
    };

  it('rescores a lead when its interactions are created, changed and removed, never as an edit', async () => {
    const lead = await newLead(sut, admin);
    const fresh = await scoreOf(lead.id);
    // No interactions: 0, as computed when it was created.
    expect(fresh.activityScore).toBe(0);
    expect(fresh.scoreCalculatedAt).toBe(fresh.createdAt);

    const now = new Date().toISOString();
    const meeting = await newInteraction(sut, admin, lead.id, { type: 'MEETING', date: now });
    const afterOne = await scoreOf(lead.id);
    expect(afterOne.activityScore).toBe(33);
    expect(new Date(afterOne.scoreCalculatedAt!).getTime()).toBeGreaterThan(
      new Date(fresh.createdAt).getTime(),
    );
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

    // lead.score_changed for each move of 10 points or more (0 → 33 → 55 → 41), not for 41 → 33.
    const changes = await sut.app.get(Sequelize).query<{ changes: unknown }>(
      `SELECT changes FROM audit_logs WHERE action = 'lead.score_changed' AND entity_id = $1
       ORDER BY created_at, id`,
      { bind: [lead.id], type: QueryTypes.SELECT },
    );
    expect(changes.map((c) => c.changes)).toEqual([
      { activityScore: { from: 0, to: 33 } },
      { activityScore: { from: 33, to: 55 } },
      { activityScore: { from: 55, to: 41 } },
    ]);
  });

  it('filters and orders leads by score, page after page', async () => {
    const company = await newCompany(sut);
    const now = new Date().toISOString();
    const low = await newLead(sut, company);
    const high = await newLead(sut, company);
    await newLead(sut, company); // no interactions: 0
    await newInteraction(sut, company, low.id, { type: 'EMAIL', date: now });
    await newInteraction(sut, company, high.id, { type: 'MEETING', date: now });
    const PAGE = `query($f: LeadFilter, $after: String) {
      leadsConnection(first: 1, after: $after, filter: $f, orderBy: { field: ACTIVITY_SCORE }) {
        edges { node { id activityScore } } pageInfo { endCursor hasNextPage } } }`;
    const pages = async (filter: object): Promise<(number | null)[]> => {
      const seen: (number | null)[] = [];
      let after: string | null = null;
      do {
        const res = await sut.gql(PAGE, { f: filter, after }, company.token);
        const conn = res.data?.leadsConnection as {
          edges: { node: { activityScore: number | null } }[];
          pageInfo: { endCursor: string | null; hasNextPage: boolean };
        };
        seen.push(...conn.edges.map((e) => e.node.activityScore));
        after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
      } while (after);
      return seen;
    };
    expect(await pages({})).toEqual([33, 11, 0]);
    expect(await pages({ activityScoreMin: 20 })).toEqual([33]);
    expect(await pages({ activityScoreMax: 20 })).toEqual([11, 0]);
    expect(await pages({ activityScoreMin: 5, activityScoreMax: 20 })).toEqual([11]);
    const bad = await sut.gql(PAGE, { f: { activityScoreMin: 101 } }, company.token);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('leaves another company’s leads as they were', async () => {
    const other = await newCompany(sut);
    const theirs = await newLead(sut, other);
    await newInteraction(sut, admin, (await newLead(sut, admin)).id, { type: 'CALL' });
    const read = (await sut.gql(LEAD, { id: theirs.id }, other.token)).data?.lead as {
      activityScore: number;
      scoreCalculatedAt: string;
      createdAt: string;
    };
    expect(read).toMatchObject({ activityScore: 0, scoreCalculatedAt: read.createdAt });
  });
});
