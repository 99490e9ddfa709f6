import { IsOptional, IsString, Matches } from 'class-validator';
import { ConfigSlice, type ReadSlice, Variable } from '../config/config-slice.js';
import { PlatformConfig } from '../config/platform.config.js';
import { IntVariable } from '../config/variable.decorators.js';

/** The AI provider of lead summaries: which one, and how long and how often to ask it. */
export class AiConfig extends ConfigSlice {
  static override readonly feature = 'scoring';

  /**
   * The key of an OpenAI-compatible chat-completions provider (OpenRouter by default) for lead
   * summaries. Unset: summaries come from the built-in summarizer, and no lead data leaves.
   */
  @Variable('key of the AI provider for lead summaries; unset = built-in summaries only')
  @IsOptional()
  @IsString()
  OPENROUTER_API_KEY?: string = undefined;

  /** The provider's API root; `/chat/completions` is appended. */
  @Variable('any OpenAI-compatible chat-completions API (`/chat/completions` is appended)')
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  AI_BASE_URL = 'https://openrouter.ai/api/v1';

  @Variable('the model asked for summaries')
  @IsString()
  AI_MODEL = 'openai/gpt-4o-mini';

  /** Longest one call to the provider may take. */
  @IntVariable('longest one call to the provider may take', { min: 100 })
  AI_ATTEMPT_TIMEOUT_MS = 8000;

  /** Longest all attempts together may take, backoff included: below HTTP_REQUEST_TIMEOUT_MS. */
  @IntVariable(
    'longest all calls and backoff together may take (below `HTTP_REQUEST_TIMEOUT_MS`)',
    { min: 100 },
  )
  AI_TOTAL_TIMEOUT_MS = 20_000;

  /** Calls to the provider per summary, the first included; retried on 429, 5xx and timeouts. */
  @IntVariable('calls per summary, the first included (retried on 429, 5xx and timeouts)', {
    min: 1,
    max: 10,
  })
  AI_MAX_ATTEMPTS = 3;

  override settle(read: ReadSlice): string | undefined {
    // The summary must be answered, or refused, before the client's request itself times out.
    if (
      this.AI_TOTAL_TIMEOUT_MS < this.AI_ATTEMPT_TIMEOUT_MS ||
      this.AI_TOTAL_TIMEOUT_MS >= read(PlatformConfig).HTTP_REQUEST_TIMEOUT_MS
    )
      return 'AI_TOTAL_TIMEOUT_MS must be at least AI_ATTEMPT_TIMEOUT_MS and below HTTP_REQUEST_TIMEOUT_MS';
    return undefined;
  }
}
