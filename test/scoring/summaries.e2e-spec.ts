import { Sequelize } from 'sequelize-typescript';
import { Role } from '../../src/auth/role.enum.js';
import {
  SUMMARY_INTERACTIONS,
  SUMMARY_NOTE_CHARS,
} from '../../src/scoring/summaries/lead-summaries.repository.js';
import { completion, FakeAiProvider, silent, status } from '../support/fake-ai-provider.js';
import { newCompany, newUser, type TestUser } from '../support/factories.js';
import { newInteraction, newLead } from '../support/lead-factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const REGENERATE = `mutation($id: ID!) { regenerateSummary(id: $id) {
  id summary summaryGeneratedAt summaryProvider activityScore scoreCalculatedAt } }`;
const LEAD = 'query($id: ID!) { lead(id: $id) { summary summaryGeneratedAt summaryProvider } }';
const ALLOW = 'mutation($a: Boolean!) { setExternalAiAllowed(allowed: $a) }';

interface Summarized {
  id: string;
  summary: string | null;
  summaryGeneratedAt: string | null;
  summaryProvider: string | null;
  activityScore: number;
  scoreCalculatedAt: string;
}

describe('lead summaries', () => {
  const provider = new FakeAiProvider();
  let sut: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    sut = await startTestApp({
      OPENROUTER_API_KEY: 'sk-or-test',
      AI_BASE_URL: await provider.start(),
      AI_MODEL: 'test/summarizer',
      AI_ATTEMPT_TIMEOUT_MS: '300',
      AI_TOTAL_TIMEOUT_MS: '1500',
      SUMMARY_LIMIT_PER_MINUTE: '8',
    });
    admin = await newCompany(sut);
  });
  afterAll(async () => {
    await sut.close();
    await provider.close();
  });

  const regenerate = (user: TestUser, id: string) => sut.gql(REGENERATE, { id }, user.token);
  const summarized = async (user: TestUser, id: string): Promise<Summarized> => {
    const res = await regenerate(user, id);
    expect(res.errors).toBeUndefined();
    return res.data?.regenerateSummary as Summarized;
  };
  const auditCount = async (action: string, entityId: string): Promise<number> => {
    const [row] = await sut.app
      .get(Sequelize)
      .query<{ n: number }>(
        'SELECT count(*)::int AS n FROM audit_logs WHERE action = $1 AND entity_id = $2',
        { bind: [action, entityId], type: 'SELECT' as never },
      );
    return row.n;
  };

  it('is written by the built-in summarizer until the company allows the provider: no lead data leaves', async () => {
    const lead = await newLead(sut, admin, { firstName: 'Ada', lastName: 'Lovelace' });
    await newInteraction(sut, admin, lead.id, { type: 'MEETING', notes: 'Demo went well' });
    provider.answer(completion('from the provider'));
    const result = await summarized(admin, lead.id);
    expect(provider.calls).toHaveLength(0);
    expect(result.summaryProvider).toBe('built-in');
    expect(result.summary).toMatch(/^Ada Lovelace is a new lead/);
    expect(result.summary).toContain('Last note: Demo went well');
    expect(result.summaryGeneratedAt).not.toBeNull();
    // The score was recomputed for it: a meeting an hour ago.
    expect(result.activityScore).toBe(33);
    expect(await auditCount('lead.summarized', lead.id)).toBe(1);
  });

  it('comes from the provider once an ADMIN allows it, with the fresh score among the facts', async () => {
    const rep = await newUser(sut, admin, Role.SALES_REP);
    const refused = await sut.gql(ALLOW, { a: true }, rep.token);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await sut.gql(ALLOW, { a: true }, admin.token)).data?.setExternalAiAllowed).toBe(true);
    expect((await sut.gql('{ externalAiAllowed }', {}, admin.token)).data?.externalAiAllowed).toBe(
      true,
    );

    const lead = await newLead(sut, admin, { firstName: 'Grace' });
    await newInteraction(sut, admin, lead.id, { type: 'CALL' });
    provider.answer(completion('Grace is warm; call back this week.'));
    // A sales rep may summarise a lead they can read.
    const result = await summarized(rep, lead.id);
    expect(result).toMatchObject({
      summary: 'Grace is warm; call back this week.',
      summaryProvider: 'test/summarizer',
      activityScore: 21,
    });
    expect(provider.calls).toHaveLength(1);
    const sent = JSON.parse(provider.calls[0].body) as { messages: { content: string }[] };
    expect(JSON.parse(sent.messages[1].content)).toMatchObject({
      firstName: 'Grace',
      activityScore: 21,
      interactions: [expect.objectContaining({ type: 'CALL' })],
    });
  });

  it('sends the provider the newest interactions only, each note cut to its first 500 characters', async () => {
    const lead = await newLead(sut, admin, { firstName: 'Mary' });
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    const long = 'A'.repeat(SUMMARY_NOTE_CHARS) + 'B'.repeat(10_000 - SUMMARY_NOTE_CHARS);
    await newInteraction(sut, admin, lead.id, { type: 'MEETING', date: daysAgo(1), notes: long });
    for (let n = 2; n <= SUMMARY_INTERACTIONS + 2; n++)
      await newInteraction(sut, admin, lead.id, { date: daysAgo(n), notes: `note ${n}` });
    provider.answer(completion('Mary is busy.'));
    await summarized(admin, lead.id);

    expect(provider.calls).toHaveLength(1);
    const sent = JSON.parse(provider.calls[0].body) as { messages: { content: string }[] };
    const prompt = sent.messages[1].content;
    const { interactions } = JSON.parse(prompt) as { interactions: { notes: string }[] };
    // The newest SUMMARY_INTERACTIONS of the 13, newest first; the 10 000 characters arrive as 500.
    expect(interactions.map((i) => i.notes)).toEqual([
      'A'.repeat(SUMMARY_NOTE_CHARS),
      ...Array.from({ length: SUMMARY_INTERACTIONS - 1 }, (_, i) => `note ${i + 2}`),
    ]);
    expect(prompt).not.toContain('B');
    expect(prompt.length).toBeLessThan(SUMMARY_INTERACTIONS * SUMMARY_NOTE_CHARS + 1000);
  });

  it('keeps the previous summary when the provider fails or does not answer in time', async () => {
    const lead = await newLead(sut, admin);
    provider.answer(completion('The first summary.'));
    const first = await summarized(admin, lead.id);

    for (const failure of [status(500), silent]) {
      provider.answer(failure);
      const res = await regenerate(admin, lead.id);
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'INTERNAL_SERVER_ERROR',
        reason: 'SUMMARY_PROVIDER_FAILED',
      });
      expect(res.errors?.[0].message).toMatch(/previous summary is kept/);
      const kept = (await sut.gql(LEAD, { id: lead.id }, admin.token)).data?.lead;
      expect(kept).toEqual({
        summary: 'The first summary.',
        summaryGeneratedAt: first.summaryGeneratedAt,
        summaryProvider: 'test/summarizer',
      });
    }
    // Three attempts at the 500, within the total bound at the silence.
    expect(provider.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('reads another company’s lead as missing and leaves its summary alone', async () => {
    const other = await newCompany(sut);
    const theirs = await newLead(sut, other);
    provider.answer(completion('theirs'));
    const res = await regenerate(admin, theirs.id);
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(provider.calls).toHaveLength(0);
    expect((await sut.gql(LEAD, { id: theirs.id }, other.token)).data?.lead).toEqual({
      summary: null,
      summaryGeneratedAt: null,
      summaryProvider: null,
    });
    // And its company's setting is its own: still off.
    expect((await sut.gql('{ externalAiAllowed }', {}, other.token)).data?.externalAiAllowed).toBe(
      false,
    );
  });

  it('limits how many summaries one user asks for per minute', async () => {
    const rep = await newUser(sut, admin, Role.SALES_REP);
    const lead = await newLead(sut, admin);
    provider.answer(completion('ok'));
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 9; i++)
      codes.push((await regenerate(rep, lead.id)).errors?.[0].extensions?.code);
    expect(codes.slice(0, 8)).toEqual(Array(8).fill(undefined));
    expect(codes[8]).toBe('RATE_LIMITED');
    // Another user's budget is their own.
    expect((await regenerate(admin, lead.id)).errors).toBeUndefined();
  });
});
