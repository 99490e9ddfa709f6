import type { TestUser } from '../support/factories.js';
import { LEAD_FIELDS, newInteraction, newLead } from '../support/lead-factory.js';
import { startTeamApp, type TestApp } from '../support/test-app.js';

const CREATE = `mutation($i: CreateLeadInput!) { createLead(createLeadInput: $i) { ${LEAD_FIELDS} } }`;
const UPDATE = `mutation($i: UpdateLeadInput!) { updateLead(updateLeadInput: $i) { ${LEAD_FIELDS} } }`;
const LEAD = `query($id: ID!) { lead(id: $id) { ${LEAD_FIELDS} interactions { id type date notes createdAt } } }`;
const REMOVE = 'mutation($id: ID!) { removeLead(id: $id) }';
const RESTORE = 'mutation($id: ID!) { restoreLead(id: $id) { id } }';
const PURGE = 'mutation($id: ID!) { purgeLead(id: $id) }';
const ASSIGN =
  'mutation($id: ID!, $u: ID) { assignLead(id: $id, userId: $u) { id assignedTo { id } } }';
const BULK = 'mutation($inputs: [CreateLeadInput!]!) { createLeads(inputs: $inputs) { id email } }';

describe('leads', () => {
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

  describe('createLead', () => {
    it('creates a lead with exact money, normalised email and NEW status', async () => {
      const res = await sut.gql(
        CREATE,
        {
          i: {
            firstName: ' Ada ',
            lastName: 'Lovelace',
            email: 'Ada@Example.COM',
            budget: 1234567.89,
          },
        },
        manager.token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.createLead).toMatchObject({
        firstName: 'Ada',
        email: 'ada@example.com',
        budget: 1234567.89,
        status: 'NEW',
        assignedTo: null,
      });
    });

    it('assigns a SALES_REP’s new lead to them', async () => {
      const lead = await newLead(sut, rep);
      expect(lead.assignedTo).toEqual({ id: rep.id });
    });

    it.each([
      ['email', { email: 'not-an-email' }],
      ['phone', { phone: 'call me' }],
      ['phone', { phone: '+1 2' }],
      // 15 digits, but 33 characters with their separators: longer than the column holds.
      ['phone', { phone: '+1 (2) 3 4 5 6 7 8 9 0 1 2 3 4  5' }],
      ['budget', { budget: -1 }],
      ['budget', { budget: 10_000_000_000 }],
      ['budget', { budget: 10.123 }],
      ['firstName', { firstName: '' }],
      ['lastName', { lastName: 'x'.repeat(101) }],
      ['location', { location: 'x'.repeat(201) }],
    ])('refuses a bad %s with BAD_USER_INPUT naming it', async (field, override) => {
      const res = await sut.gql(
        CREATE,
        { i: { firstName: 'A', lastName: 'B', email: 'valid@example.com', ...override } },
        admin.token,
      );
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(Object.keys(res.errors?.[0].extensions.fields)).toEqual([field]);
    });

    it('refuses an unknown status value', async () => {
      const res = await sut.gql(
        CREATE,
        { i: { firstName: 'A', lastName: 'B', email: 'status@example.com', status: 'HOT' } },
        admin.token,
      );
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('refuses text PostgreSQL cannot store (a NUL character) as BAD_USER_INPUT, not a 500', async () => {
      const created = await sut.gql(
        CREATE,
        { i: { firstName: 'A\u0000B', lastName: 'B', email: 'nul@example.com' } },
        admin.token,
      );
      expect(created.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      const searched = await sut.gql(
        'query($s: String) { leads(filter: { search: $s }) { id } }',
        { s: 'x\u0000' },
        admin.token,
      );
      expect(searched.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('accepts the largest budget', async () => {
      const lead = await newLead(sut, admin, { budget: 9_999_999_999.99 });
      expect(lead.budget).toBe(9_999_999_999.99);
    });

    it('answers CONFLICT with the existing lead’s id for a live duplicate email, in any case', async () => {
      const first = await newLead(sut, admin, { email: 'dup@example.com' });
      const res = await sut.gql(
        CREATE,
        { i: { firstName: 'A', lastName: 'B', email: 'DUP@example.com' } },
        manager.token,
      );
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'EMAIL_TAKEN',
        existingLeadId: first.id,
      });
      // Another company may have the same email.
      expect((await newLead(sut, outsider, { email: 'dup@example.com' })).email).toBe(
        'dup@example.com',
      );
    });

    it('allows the email again once the lead is removed, and then refuses to restore the old one', async () => {
      const old = await newLead(sut, admin, { email: 'reuse@example.com' });
      expect((await sut.gql(REMOVE, { id: old.id }, admin.token)).data?.removeLead).toBe(true);
      await newLead(sut, admin, { email: 'reuse@example.com' });
      const res = await sut.gql(RESTORE, { id: old.id }, admin.token);
      expect(res.errors?.[0].extensions.code).toBe('CONFLICT');
    });
  });

  describe('lead(id) and the seed query', () => {
    it('answers the seed document’s nested query with a UUID, interactions newest first', async () => {
      const lead = await newLead(sut, rep);
      const older = await newInteraction(sut, rep, lead.id, {
        date: '2026-01-01T10:00:00.000Z',
        type: 'EMAIL',
      });
      const newer = await newInteraction(sut, rep, lead.id, {
        date: '2026-02-01T10:00:00.000Z',
        type: 'MEETING',
      });
      const res = await sut.gql(
        `query($id: ID!) { lead(id: $id) { id firstName lastName email phone budget location status interactions { id type date notes createdAt } } }`,
        { id: lead.id },
        rep.token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.lead.interactions.map((i: { id: string }) => i.id)).toEqual([
        newer.id,
        older.id,
      ]);
    });

    it('reads another company’s lead as null, and a removed one as null', async () => {
      const theirs = await newLead(sut, outsider);
      const res = await sut.gql(LEAD, { id: theirs.id }, admin.token);
      expect(res.errors).toBeUndefined();
      expect(res.data?.lead).toBeNull();

      const mine = await newLead(sut, admin);
      await sut.gql(REMOVE, { id: mine.id }, admin.token);
      expect((await sut.gql(LEAD, { id: mine.id }, admin.token)).data?.lead).toBeNull();
    });
  });

  describe('updateLead', () => {
    it('changes only the given fields, clears with null, and audits a field diff', async () => {
      const lead = await newLead(sut, admin, { budget: 100 });
      const res = await sut.gql(
        UPDATE,
        { i: { id: lead.id, status: 'QUALIFIED', phone: null, budget: 150.5 } },
        admin.token,
      );
      expect(res.data?.updateLead).toMatchObject({
        status: 'QUALIFIED',
        phone: null,
        budget: 150.5,
        firstName: lead.firstName,
      });

      const audit = await sut.gql(
        'query($id: ID!) { auditLogs(filter: { entityId: $id }) { edges { node { action changes } } } }',
        { id: lead.id },
        admin.token,
      );
      expect(audit.data?.auditLogs.edges[0].node).toEqual({
        action: 'lead.updated',
        changes: {
          status: { from: 'NEW', to: 'QUALIFIED' },
          phone: { from: lead.phone, to: null },
          budget: { from: '100.00', to: '150.50' },
        },
      });
    });

    it('refuses null for a required field', async () => {
      const lead = await newLead(sut, admin);
      const res = await sut.gql(UPDATE, { i: { id: lead.id, firstName: null } }, admin.token);
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { firstName: expect.any(Array) },
      });
    });

    it('lets a SALES_REP change their own leads only', async () => {
      const mine = await newLead(sut, rep);
      const theirs = await newLead(sut, otherRep);
      expect(
        (await sut.gql(UPDATE, { i: { id: mine.id, location: 'Paris' } }, rep.token)).data
          ?.updateLead.location,
      ).toBe('Paris');
      const denied = await sut.gql(UPDATE, { i: { id: theirs.id, location: 'Paris' } }, rep.token);
      expect(denied.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(
        (await sut.gql(REMOVE, { id: theirs.id }, rep.token)).errors?.[0].extensions.code,
      ).toBe('FORBIDDEN');
      // But every role reads every lead of the company.
      expect((await sut.gql(LEAD, { id: theirs.id }, rep.token)).data?.lead.id).toBe(theirs.id);
    });

    it('answers NOT_FOUND for another company’s lead and changes nothing', async () => {
      const theirs = await newLead(sut, outsider, { location: 'Oslo' });
      for (const [query, variables] of [
        [UPDATE, { i: { id: theirs.id, location: 'Hacked' } }],
        [REMOVE, { id: theirs.id }],
        [RESTORE, { id: theirs.id }],
        [PURGE, { id: theirs.id }],
        [ASSIGN, { id: theirs.id, u: manager.id }],
      ] as const) {
        const res = await sut.gql(query, variables, admin.token);
        expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
      }
      expect((await sut.gql(LEAD, { id: theirs.id }, outsider.token)).data?.lead.location).toBe(
        'Oslo',
      );
    });
  });

  describe('assign, remove, restore, purge', () => {
    it('assigns to a colleague, refuses a stranger, and is for managers only', async () => {
      const lead = await newLead(sut, manager);
      expect(
        (await sut.gql(ASSIGN, { id: lead.id, u: rep.id }, manager.token)).data?.assignLead
          .assignedTo,
      ).toEqual({ id: rep.id });
      const stranger = await sut.gql(ASSIGN, { id: lead.id, u: outsider.id }, manager.token);
      expect(stranger.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { userId: expect.any(Array) },
      });
      expect(
        (await sut.gql(ASSIGN, { id: lead.id, u: null }, rep.token)).errors?.[0].extensions.code,
      ).toBe('FORBIDDEN');
      expect(
        (await sut.gql(ASSIGN, { id: lead.id, u: null }, manager.token)).data?.assignLead
          .assignedTo,
      ).toBeNull();
    });

    it('restores a removed lead for managers, and lists it with includeDeleted', async () => {
      const lead = await newLead(sut, admin);
      await sut.gql(REMOVE, { id: lead.id }, admin.token);
      const list = await sut.gql(
        '{ leads(first: 500, filter: { includeDeleted: true }) { id deletedAt } }',
        {},
        manager.token,
      );
      expect(list.data?.leads.find((l: { id: string }) => l.id === lead.id).deletedAt).toBeTruthy();
      expect(
        (await sut.gql('{ leads(filter: { includeDeleted: true }) { id } }', {}, rep.token))
          .errors?.[0].extensions.code,
      ).toBe('FORBIDDEN');
      expect((await sut.gql(RESTORE, { id: lead.id }, rep.token)).errors?.[0].extensions.code).toBe(
        'FORBIDDEN',
      );
      expect((await sut.gql(RESTORE, { id: lead.id }, manager.token)).data?.restoreLead.id).toBe(
        lead.id,
      );
      expect((await sut.gql(LEAD, { id: lead.id }, rep.token)).data?.lead.id).toBe(lead.id);
    });

    it('purges a lead and its interactions for good, ADMIN only', async () => {
      const lead = await newLead(sut, admin);
      const interaction = await newInteraction(sut, admin, lead.id);
      expect(
        (await sut.gql(PURGE, { id: lead.id }, manager.token)).errors?.[0].extensions.code,
      ).toBe('FORBIDDEN');
      expect((await sut.gql(PURGE, { id: lead.id }, admin.token)).data?.purgeLead).toBe(true);
      expect(
        (await sut.gql(RESTORE, { id: lead.id }, admin.token)).errors?.[0].extensions.code,
      ).toBe('NOT_FOUND');
      expect(
        (
          await sut.gql(
            'query($id: ID!) { interaction(id: $id) { id } }',
            { id: interaction.id },
            admin.token,
          )
        ).data?.interaction,
      ).toBeNull();
    });
  });

  describe('createLeads', () => {
    it('creates all rows in one go', async () => {
      const inputs = Array.from({ length: 25 }, (_, i) => ({
        firstName: 'Bulk',
        lastName: `No${i}`,
        email: `bulk-${i}@example.com`,
      }));
      const res = await sut.gql(BULK, { inputs }, manager.token);
      expect(res.data?.createLeads).toHaveLength(25);
    });

    it('creates nothing when one row is bad, naming every bad row', async () => {
      const before = (
        await sut.gql('{ leadsConnection(first: 1) { totalCount } }', {}, admin.token)
      ).data?.leadsConnection.totalCount;
      const inputs = [
        { firstName: 'Ok', lastName: 'One', email: 'ok-one@example.com' },
        { firstName: 'Bad', lastName: 'Two', email: 'nope' },
        { firstName: 'Ok', lastName: 'Three', email: 'OK-ONE@example.com' },
        { firstName: '', lastName: 'Four', email: 'four@example.com', budget: -5 },
      ];
      const res = await sut.gql(BULK, { inputs }, manager.token);
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(Object.keys(res.errors?.[0].extensions.fields).sort()).toEqual([
        'inputs.1.email',
        'inputs.2.email',
        'inputs.3.budget',
        'inputs.3.firstName',
      ]);
      const after = (await sut.gql('{ leadsConnection(first: 1) { totalCount } }', {}, admin.token))
        .data?.leadsConnection.totalCount;
      expect(after).toBe(before);
    });

    it('answers CONFLICT per row for emails that are already leads', async () => {
      const existing = await newLead(sut, admin, { email: 'bulk-existing@example.com' });
      const res = await sut.gql(
        BULK,
        {
          inputs: [
            { firstName: 'A', lastName: 'B', email: 'fresh-one@example.com' },
            { firstName: 'A', lastName: 'B', email: 'bulk-existing@example.com' },
          ],
        },
        admin.token,
      );
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        existingLeadIds: { 1: existing.id },
        fields: { 'inputs.1.email': expect.any(Array) },
      });
      expect(
        (await sut.gql('{ leads(filter: { search: "fresh-one" }) { id } }', {}, admin.token)).data
          ?.leads,
      ).toEqual([]);
    });

    it('refuses more than 1 000 rows', async () => {
      const inputs = Array.from({ length: 1001 }, (_, i) => ({
        firstName: 'A',
        lastName: 'B',
        email: `many-${i}@example.com`,
      }));
      const res = await sut.gql(BULK, { inputs }, admin.token);
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { inputs: expect.any(Array) },
      });
    });
  });
});
