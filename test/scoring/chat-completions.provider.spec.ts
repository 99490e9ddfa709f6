import { InteractionKind } from '../../src/interactions/interaction-kind.enum.js';
import {
  ChatCompletionsProvider,
  type ChatCompletionsOptions,
} from '../../src/scoring/summaries/chat-completions.provider.js';
import {
  SummaryProviderError,
  type LeadFacts,
} from '../../src/scoring/summaries/summary-provider.js';
import { completion, FakeAiProvider, silent, status } from '../support/fake-ai-provider.js';

const facts: LeadFacts = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  status: 'QUALIFIED',
  source: 'referral',
  budget: '5000.00',
  location: 'London',
  activityScore: 42,
  createdAt: new Date('2026-01-02T03:04:05Z'),
  interactions: [
    {
      type: InteractionKind.MEETING,
      date: new Date('2026-02-01T10:00:00Z'),
      notes: 'Demo went well',
    },
  ],
};

describe('ChatCompletionsProvider against a provider on loopback', () => {
  // One per test: a call an earlier test gave up on may reach a shared one late, on a loaded
  // machine, and take the next test's first answer.
  let provider: FakeAiProvider;
  let baseUrl: string;
  const sut = (over: Partial<ChatCompletionsOptions> = {}) =>
    new ChatCompletionsProvider({
      baseUrl,
      apiKey: 'sk-test-123',
      model: 'test/model-1',
      attemptTimeoutMs: 500,
      totalTimeoutMs: 2000,
      maxAttempts: 3,
      backoffMs: 20,
      ...over,
    });

  beforeEach(async () => {
    provider = new FakeAiProvider();
    baseUrl = await provider.start();
  });
  afterEach(() => provider.close());

  it('sends the model, the key and the facts, and returns the answer trimmed', async () => {
    provider.answer(completion('  Ada is a warm lead; book the contract call.  '));
    await expect(sut().summarize(facts)).resolves.toBe(
      'Ada is a warm lead; book the contract call.',
    );
    expect(provider.calls).toHaveLength(1);
    const [call] = provider.calls;
    expect(call.headers.authorization).toBe('Bearer sk-test-123');
    const request = JSON.parse(call.body) as {
      model: string;
      messages: { role: string; content: string }[];
    };
    expect(request.model).toBe('test/model-1');
    expect(request.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(JSON.parse(request.messages[1].content)).toMatchObject({
      firstName: 'Ada',
      activityScore: 42,
    });
  });

  it('retries a 429 and returns the answer that follows', async () => {
    provider.answer(status(429, { 'retry-after': '0' }), completion('Second time lucky'));
    await expect(sut().summarize(facts)).resolves.toBe('Second time lucky');
    expect(provider.calls).toHaveLength(2);
  });

  it('gives up on repeated 500s after the attempts allowed', async () => {
    provider.answer(status(500));
    const error = await sut()
      .summarize(facts)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SummaryProviderError);
    expect((error as Error).message).toMatch(/HTTP 500/);
    expect(provider.calls).toHaveLength(3);
  });

  it('ends a call the provider does not answer, and every retry, within the total bound', async () => {
    provider.answer(silent);
    const started = Date.now();
    const error = await sut({ attemptTimeoutMs: 150, totalTimeoutMs: 400, maxAttempts: 10 })
      .summarize(facts)
      .catch((e: unknown) => e);
    const took = Date.now() - started;
    expect(error).toBeInstanceOf(SummaryProviderError);
    expect((error as Error).message).toMatch(/no answer within/);
    // Each attempt was cut at its own timeout, and no attempt started past the total bound.
    expect(provider.calls.length).toBeGreaterThanOrEqual(2);
    expect(provider.calls.length).toBeLessThan(10);
    expect(took).toBeLessThan(400 + 150 + 100);
  });

  it('does not wait out a Retry-After longer than the time left', async () => {
    provider.answer(status(503, { 'retry-after': '30' }), completion('too late'));
    const error = await sut()
      .summarize(facts)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SummaryProviderError);
    expect(provider.calls).toHaveLength(1);
  });

  it('refuses an answer that is not JSON, without retrying', async () => {
    provider.answer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"choices": [ {"message": ');
    });
    await expect(sut().summarize(facts)).rejects.toThrow(/other than JSON/);
    expect(provider.calls).toHaveLength(1);
  });

  it('refuses JSON without a summary, and a 4xx, without retrying', async () => {
    provider.answer(completion('   '));
    await expect(sut().summarize(facts)).rejects.toThrow(/without a summary/);
    provider.answer(status(401));
    await expect(sut().summarize(facts)).rejects.toThrow(/refused: HTTP 401/);
    expect(provider.calls).toHaveLength(1);
  });

  it('calls an unreachable provider a failure', async () => {
    const closed = new FakeAiProvider();
    const url = await closed.start();
    await closed.close();
    await expect(sut({ baseUrl: url, maxAttempts: 2 }).summarize(facts)).rejects.toThrow(
      /unreachable/,
    );
  });

  it('stops, without a negative timeout, when the deadline passed during a wait that overslept', async () => {
    // A loaded machine: the backoff's timer fires 10 s late, long past the 2 s deadline.
    let clock = 1_000_000;
    const timers = {
      now: () => clock,
      sleep: (ms: number) => {
        clock += ms + 10_000;
        return Promise.resolve();
      },
    };
    const retries: number[] = [];
    provider.answer(status(503), completion('too late'));
    const error = await sut({ timers })
      .summarize(facts, () => Promise.resolve(void retries.push(clock)))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SummaryProviderError);
    expect((error as Error).message).toMatch(/HTTP 503; no time left for attempt 2/);
    expect((error as Error).message).not.toMatch(/out of range/);
    // No second call was started, nor paid for.
    expect(provider.calls).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it('asks before each retry, and makes no further call once refused', async () => {
    let asked = 0;
    provider.answer(status(429, { 'retry-after': '0' }), completion('Paid for'));
    await expect(sut().summarize(facts, () => Promise.resolve(void asked++))).resolves.toBe(
      'Paid for',
    );
    expect(asked).toBe(1);
    expect(provider.calls).toHaveLength(2);

    const spent = new Error('budget spent');
    provider.answer(status(500));
    await expect(sut().summarize(facts, () => Promise.reject(spent))).rejects.toBe(spent);
    expect(provider.calls).toHaveLength(1);
  });
});
