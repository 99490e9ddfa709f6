import { randomUUID } from 'node:crypto';
import { DealPriority } from '../../src/scoring/deal-priority.enum.js';
import { dealLeadScore, type DealScoreInput } from '../../src/scoring/deal-score.js';
import { DealStage } from '../../src/scoring/deal-stage.enum.js';
import { dbRows, generateDealsFor, newDeal } from '../support/deal-factory.js';
import { newCompany, type TestUser } from '../support/factories.js';
import { startTeamApp, type TestApp } from '../support/test-app.js';

const BULK_UPDATE = `mutation($ids: [ID!]!, $input: BulkUpdateDealsInput!) {
  bulkUpdateDeals(ids: $ids, input: $input) { count skipped { id reason } } }`;
const BULK_DELETE = `mutation($ids: [ID!]!) { bulkDeleteDeals(ids: $ids) { count skipped { id reason } } }`;

interface Row extends DealScoreInput {
  id: string;
  leadScore: number;
  assignedToId: string | null;
  closedAt: Date | null;
  deletedAt: Date | null;
}

describe('bulkUpdateDeals and bulkDeleteDeals', () => {
  let sut: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let rep: TestUser;
  let otherRep: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    ({ sut, admin, manager, rep, otherRep, outsider } = await startTeamApp());
  });
  afterAll(() => sut.close());

  const rows = (ids: string[]) =>
    dbRows<Row>(
      sut,
      `SELECT id, value::text AS value, stage, priority, lead_source AS "leadSource",
         lead_score AS "leadScore", assigned_to_id AS "assignedToId", closed_at AS "closedAt",
         deleted_at AS "deletedAt"
       FROM deals WHERE id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], id)`,
      [ids],
    );
  const audits = (action: string, ids: string[]) =>
    dbRows<{ entityId: string; changes: Record<string, unknown> }>(
      sut,
      `SELECT entity_id AS "entityId", changes FROM audit_logs
       WHERE action = $1 AND entity_id = ANY($2::uuid[]) ORDER BY entity_id`,
      [action, ids],
    );
  const bulkUpdate = (ids: string[], input: object, user = manager) =>
    sut.gql(BULK_UPDATE, { ids, input }, user.token);

  it('changes every live deal of the company in one call and says why it left each other id', async () => {
    const deals = await Promise.all(
      ['100', '5000', '75000'].map((value) =>
        newDeal(sut, manager, { value, assignedToId: rep.id }),
      ),
    );
    const removed = await newDeal(sut, manager);
    await sut.gql('mutation($id: ID!) { removeDeal(id: $id) }', { id: removed.id }, manager.token);
    const theirs = await newDeal(sut, outsider, { title: 'Theirs' });
    // Upper case: each id comes back as it was given.
    const missing = randomUUID().toUpperCase();
    const ids = [
      deals[0].id,
      theirs.id,
      deals[1].id,
      missing,
      deals[0].id,
      removed.id,
      deals[2].id,
    ];

    const res = await bulkUpdate(ids, { stage: 'CLOSED_WON' });

    expect(res.data?.bulkUpdateDeals).toEqual({
      count: 3,
      skipped: [
        { id: theirs.id, reason: 'NOT_FOUND' },
        { id: missing, reason: 'NOT_FOUND' },
        { id: removed.id, reason: 'NOT_FOUND' },
      ],
    });
    const after = await rows(deals.map((d) => d.id));
    expect(after.map((d) => [d.stage, d.leadScore])).toEqual([
      ['CLOSED_WON', 100],
      ['CLOSED_WON', 100],
      ['CLOSED_WON', 100],
    ]);
    expect(after.every((d) => d.closedAt !== null)).toBe(true);
    const [outsiders] = await rows([theirs.id]);
    expect(outsiders).toMatchObject({ stage: 'LEAD', closedAt: null });
    const stageChanges = await audits(
      'deal.stage_changed',
      deals.map((d) => d.id),
    );
    expect(stageChanges.map((a) => a.changes)).toEqual(
      Array(3).fill({ stage: { from: 'LEAD', to: 'CLOSED_WON' } }),
    );
    const updates = await audits(
      'deal.updated',
      deals.map((d) => d.id),
    );
    expect(updates).toHaveLength(3);
    expect(updates[0].changes).toMatchObject({
      stage: { from: 'LEAD', to: 'CLOSED_WON' },
      leadScore: { to: 100 },
      closedAt: { from: null },
    });

    const version = () =>
      dbRows<{ version: string }>(
        sut,
        'SELECT version FROM deal_stats_versions WHERE company_id = (SELECT company_id FROM users WHERE id = $1)',
        [manager.id],
      );
    const versionBefore = await version();
    const again = await bulkUpdate([deals[0].id, missing], { stage: 'CLOSED_WON' });
    expect(again.data?.bulkUpdateDeals).toEqual({
      count: 0,
      skipped: [
        { id: deals[0].id, reason: 'UNCHANGED' },
        { id: missing, reason: 'NOT_FOUND' },
      ],
    });
    // Nothing written: no audit row, and the cached statistics stand.
    expect(await audits('deal.updated', [deals[0].id])).toHaveLength(1);
    expect(await version()).toEqual(versionBefore);
  });

  it('scores each deal in SQL as dealLeadScore does, and keeps closedAt as a single update would', async () => {
    const inputs = [
      { value: null, leadSource: null, stage: 'LEAD' },
      { value: '999.99', leadSource: ' Referral ', stage: 'QUALIFIED' },
      { value: '1000', leadSource: 'partner', stage: 'NEGOTIATION' },
      { value: '49999.99', leadSource: 'cold call', stage: 'CLOSED_LOST' },
      { value: '100000', leadSource: 'WEB', stage: 'CLOSED_WON' },
    ];
    const deals = await Promise.all(inputs.map((input) => newDeal(sut, manager, input)));
    const ids = deals.map((d) => d.id);
    const closedBefore = (await rows(ids)).map((d) => d.closedAt);

    for (const input of [
      { priority: 'URGENT' },
      { stage: 'NEGOTIATION', priority: 'LOW' },
      { stage: 'CLOSED_LOST' },
    ]) {
      expect((await bulkUpdate(ids, input)).errors).toBeUndefined();
      for (const row of await rows(ids)) expect(row.leadScore).toBe(dealLeadScore(row));
    }
    const after = await rows(ids);
    expect(after.every((d) => d.stage === DealStage.CLOSED_LOST && d.closedAt !== null)).toBe(true);
    // Lost, reopened (NEGOTIATION), lost again: closedAt is the new closing's.
    expect(after[3].closedAt!.getTime()).toBeGreaterThan(closedBefore[3]!.getTime());
    // Priority alone leaves a closed deal's closedAt as it was.
    const [won] = await rows([(await newDeal(sut, manager, { stage: 'CLOSED_WON' })).id]);
    await bulkUpdate([won.id], { priority: 'HIGH' });
    expect((await rows([won.id]))[0].closedAt).toEqual(won.closedAt);
  });

  it('lets a SALES_REP reach only their own deals, and never give one away', async () => {
    const mine = await newDeal(sut, rep);
    const theirs = await newDeal(sut, otherRep);
    const res = await bulkUpdate([mine.id, theirs.id], { priority: 'URGENT' }, rep);
    expect(res.data?.bulkUpdateDeals).toEqual({
      count: 1,
      skipped: [{ id: theirs.id, reason: 'NOT_ASSIGNED' }],
    });
    expect((await rows([mine.id, theirs.id])).map((d) => d.priority)).toEqual(['URGENT', 'MEDIUM']);

    for (const assignedToId of [otherRep.id, null]) {
      const givenAway = await bulkUpdate([mine.id], { assignedToId }, rep);
      expect(givenAway.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'ASSIGNMENT_NOT_ALLOWED',
      });
    }
    expect((await rows([mine.id]))[0].assignedToId).toBe(rep.id);

    const deleted = await sut.gql(BULK_DELETE, { ids: [mine.id, theirs.id] }, rep.token);
    expect(deleted.data?.bulkDeleteDeals).toEqual({
      count: 1,
      skipped: [{ id: theirs.id, reason: 'NOT_ASSIGNED' }],
    });
    const [mineAfter, theirsAfter] = await rows([mine.id, theirs.id]);
    expect(mineAfter.deletedAt).not.toBeNull();
    expect(theirsAfter.deletedAt).toBeNull();
  });

  it('lets a MANAGER reassign many deals to an active colleague, announced per deal', async () => {
    const deals = await Promise.all([
      newDeal(sut, rep),
      newDeal(sut, otherRep),
      newDeal(sut, manager),
    ]);
    const ids = deals.map((d) => d.id);
    const res = await bulkUpdate(ids, { assignedToId: otherRep.id });
    expect(res.data?.bulkUpdateDeals).toEqual({
      count: 2,
      skipped: [{ id: deals[1].id, reason: 'UNCHANGED' }],
    });
    // Exactly one announcement per deal that changed hands; none at their creation (each was
    // its creator's own, or no one's) and none for the deal that kept its assignee.
    const announced = [
      { entityId: deals[0].id, changes: { assignedToId: { from: rep.id, to: otherRep.id } } },
      { entityId: deals[2].id, changes: { assignedToId: { from: null, to: otherRep.id } } },
    ].sort((a, b) => a.entityId.localeCompare(b.entityId));
    expect(await audits('deal.assigned', ids)).toEqual(announced);
    const toOutsider = await bulkUpdate(ids, { assignedToId: outsider.id });
    expect(toOutsider.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'UNKNOWN_ASSIGNEE',
    });
    const unassigned = await bulkUpdate(ids, { assignedToId: null });
    expect(unassigned.data?.bulkUpdateDeals.count).toBe(3);
    expect((await rows(ids)).map((d) => d.assignedToId)).toEqual([null, null, null]);
    // Unassigning announces nothing: there is no one to tell.
    expect(await audits('deal.assigned', ids)).toEqual(announced);
  });

  it('refuses an empty, oversized or malformed list and an empty change, writing nothing', async () => {
    const deal = await newDeal(sut, manager);
    for (const [ids, input] of [
      [[], { stage: 'QUALIFIED' }],
      [Array.from({ length: 1001 }, () => deal.id), { stage: 'QUALIFIED' }],
      [[deal.id, 'not-a-uuid'], { stage: 'QUALIFIED' }],
      [[deal.id], {}],
      [[deal.id], { stage: null }],
    ] as const) {
      const res = await bulkUpdate([...ids], input);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const noIds = await sut.gql(BULK_DELETE, { ids: [] }, manager.token);
    expect(noIds.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { ids: [expect.stringContaining('at least one')] },
    });
    expect((await rows([deal.id]))[0]).toMatchObject({ stage: 'LEAD', deletedAt: null });
  });

  it('takes 1 000 deals in one call, and another company’s list reaches none of them', async () => {
    const company = await newCompany(sut);
    await generateDealsFor(sut, company, 1000);
    const ids = (
      await dbRows<{ id: string }>(
        sut,
        'SELECT d.id FROM deals d JOIN users u ON u.company_id = d.company_id WHERE u.id = $1',
        [company.id],
      )
    ).map((d) => d.id);
    expect(ids).toHaveLength(1000);

    // Read as missing, as never there: NOT_ASSIGNED would tell they exist.
    const missing = { count: 0, skipped: ids.map((id) => ({ id, reason: 'NOT_FOUND' })) };
    const before = await rows(ids);
    const foreign = await sut.gql(BULK_DELETE, { ids }, admin.token);
    expect(foreign.data?.bulkDeleteDeals).toEqual(missing);
    const foreignUpdate = await bulkUpdate(ids, { stage: 'QUALIFIED' }, admin);
    expect(foreignUpdate.data?.bulkUpdateDeals).toEqual(missing);
    const foreignRep = await bulkUpdate(ids, { stage: 'QUALIFIED' }, rep);
    expect(foreignRep.data?.bulkUpdateDeals).toEqual(missing);
    expect(await rows(ids)).toEqual(before);

    const already = (await rows(ids))
      .filter((d) => d.priority === DealPriority.URGENT && d.stage === DealStage.NEGOTIATION)
      .map((d) => ({ id: d.id, reason: 'UNCHANGED' }));
    const res = await bulkUpdate(ids, { priority: 'URGENT', stage: 'NEGOTIATION' }, company);
    expect(res.data?.bulkUpdateDeals.count).toBe(1000 - already.length);
    expect(res.data?.bulkUpdateDeals.skipped).toEqual(already);
    const after = await rows(ids);
    expect(
      after.every((d) => d.priority === DealPriority.URGENT && d.stage === DealStage.NEGOTIATION),
    ).toBe(true);
    for (const row of after) expect(row.leadScore).toBe(dealLeadScore(row));
    // Two bulk updates of the same deals at once, given in opposite orders: both lock in id
    // order, so one waits for the other instead of deadlocking.
    const [forward, backward] = await Promise.all([
      bulkUpdate(ids, { priority: 'LOW' }, company),
      bulkUpdate([...ids].reverse(), { priority: 'HIGH' }, company),
    ]);
    expect(forward.errors).toBeUndefined();
    expect(backward.errors).toBeUndefined();
    const settled = new Set((await rows(ids)).map((d) => d.priority));
    expect(settled.size).toBe(1);
    const deleted = await sut.gql(BULK_DELETE, { ids }, company.token);
    expect(deleted.data?.bulkDeleteDeals).toEqual({ count: 1000, skipped: [] });
    const [{ n }] = await dbRows<{ n: number }>(
      sut,
      "SELECT count(*)::int AS n FROM audit_logs WHERE action = 'deal.removed' AND entity_id = ANY($1::uuid[])",
      [ids],
    );
    expect(n).toBe(1000);
  });
});
