import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { inSpan, type TraceSpan } from '../../common/tracing/request-trace.js';
import {
  SummaryProviderError,
  type BeforeRetry,
  type LeadFacts,
  type SummaryProvider,
} from './summary-provider.js';

/** The clock the provider reads and waits by; tests move it to reach cases timers rarely do. */
export interface ProviderTimers {
  now: () => number;
  sleep: (ms: number) => Promise<unknown>;
}

const REAL_TIMERS: ProviderTimers = { now: () => Date.now(), sleep: (ms) => sleep(ms) };

export interface ChatCompletionsOptions {
  baseUrl: string;
  apiKey: string;
  model: string;
  /** Longest one call may take. */
  attemptTimeoutMs: number;
  /** Longest all calls and the waits between them may take together. */
  totalTimeoutMs: number;
  maxAttempts: number;
  /** The first wait before a retry; each further one doubles, with jitter. */
  backoffMs?: number;
  timers?: ProviderTimers;
}

const SYSTEM_PROMPT =
  'You summarise CRM leads for a sales team. In at most three sentences, say who the lead is, ' +
  'how engaged they are and what the next step should be. Use only the facts given.';
const MAX_SUMMARY_CHARS = 2000;
/** An answer of 300 tokens is a few kilobytes: anything far beyond is not one. */
const MAX_ANSWER_CHARS = 1_000_000;

/** A failure worth another attempt (rate limited, the provider's own error, no answer in time). */
class Retryable extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * Summaries from an OpenAI-compatible chat-completions API (OpenRouter by default) over the
 * platform fetch: each call bounded by its own timeout, 429/5xx/timeouts retried with exponential
 * backoff (a Retry-After is honoured when it fits), and every attempt and wait inside one total
 * deadline, so the caller hears back before its own request gives up.
 */
export class ChatCompletionsProvider implements SummaryProvider {
  private readonly logger = new Logger(ChatCompletionsProvider.name);
  readonly name: string;
  readonly external = true;

  constructor(private readonly options: ChatCompletionsOptions) {
    this.name = options.model;
  }

  async summarize(facts: LeadFacts, beforeRetry?: BeforeRetry): Promise<string> {
    const { now, sleep: wait } = this.options.timers ?? REAL_TIMERS;
    const deadline = now() + this.options.totalTimeoutMs;
    let backoff = this.options.backoffMs ?? 250;
    let failure = '';
    for (let attempt = 1; ; attempt++) {
      // A timer fires late on a loaded machine: the deadline may have passed during the wait.
      // Then no call is started after it (nor handed a negative timeout, which throws).
      if (now() >= deadline)
        throw new SummaryProviderError(
          `The AI provider failed: ${failure}; no time left for attempt ${attempt}`,
        );
      // Each retry is one more call to pay for: asked for right before it is made.
      if (attempt > 1 && beforeRetry) await beforeRetry();
      try {
        // A whole number of ms, at least 1 (AbortSignal.timeout throws on anything else): the
        // deadline may have passed while beforeRetry answered.
        const left = Math.floor(deadline - now());
        const timeout = Math.max(1, Math.min(this.options.attemptTimeoutMs, left));
        return await this.call(facts, timeout);
      } catch (error) {
        if (!(error instanceof Retryable)) throw error;
        failure = error.message;
        const delay = Math.max(error.retryAfterMs ?? 0, backoff * (0.5 + Math.random()));
        const last = attempt >= this.options.maxAttempts || now() + delay >= deadline;
        this.logger.warn(
          `attempt ${attempt} failed: ${failure}${last ? '; giving up' : `; retrying in ${Math.round(delay)} ms`}`,
        );
        if (last) throw new SummaryProviderError(`The AI provider failed: ${failure}`);
        await wait(delay);
        backoff *= 2;
      }
    }
  }

  /** One attempt, a client span of the request's trace: the provider hears its traceparent. */
  private call(facts: LeadFacts, timeoutMs: number): Promise<string> {
    const attributes = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': this.options.model,
      'server.address': hostOf(this.options.baseUrl),
    };
    return inSpan(
      `chat ${this.options.model}`,
      attributes,
      (span) => this.send(facts, timeoutMs, span),
      {
        client: true,
      },
    );
  }

  private async send(facts: LeadFacts, timeoutMs: number, span?: TraceSpan): Promise<string> {
    let response: Response;
    let body: string;
    try {
      response = await fetch(`${this.options.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.options.apiKey}`,
          'content-type': 'application/json',
          ...(span && { traceparent: span.traceparent }),
        },
        body: JSON.stringify({
          model: this.options.model,
          messages: [
            { role: 'system', content: SYSTEM_PROMPT },
            { role: 'user', content: JSON.stringify(facts) },
          ],
          max_tokens: 300,
          temperature: 0.2,
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Read inside the same timeout: a provider that sends headers and then stalls is a timeout too.
      body = await response.text();
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new Retryable(`no answer within ${timeoutMs} ms`);
      // A refused or reset connection: the provider is unreachable, which a retry may mend.
      const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
      throw new Retryable(`unreachable (${cause?.code ?? cause?.message ?? String(error)})`);
    }
    span?.set({ 'http.response.status_code': response.status });
    if (response.status === 429 || response.status >= 500)
      throw new Retryable(`HTTP ${response.status}`, retryAfterMs(response.headers));
    if (!response.ok)
      throw new SummaryProviderError(`The AI provider refused: HTTP ${response.status}`);
    if (body.length > MAX_ANSWER_CHARS)
      throw new SummaryProviderError('The AI provider answered far more than a summary');
    return summaryOf(body);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** Retry-After in seconds (the form providers send), when it is one. */
function retryAfterMs(headers: Headers): number | undefined {
  const seconds = Number(headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

function summaryOf(body: string): string {
  let content: unknown;
  try {
    const parsed = JSON.parse(body) as { choices?: { message?: { content?: unknown } }[] };
    content = parsed.choices?.[0]?.message?.content;
  } catch {
    throw new SummaryProviderError('The AI provider answered something other than JSON');
  }
  if (typeof content !== 'string' || content.trim() === '')
    throw new SummaryProviderError('The AI provider answered without a summary');
  return content.trim().slice(0, MAX_SUMMARY_CHARS);
}
