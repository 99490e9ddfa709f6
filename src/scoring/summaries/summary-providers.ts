import { Injectable } from '@nestjs/common';
import { AiConfig } from '../ai.config.js';
import { BuiltInSummarizer } from './built-in-summarizer.js';
import { ChatCompletionsProvider } from './chat-completions.provider.js';
import type { SummaryProvider } from './summary-provider.js';

/** The built-in summarizer, and the external provider when a key is configured. */
@Injectable()
export class SummaryProviders {
  private readonly builtIn: SummaryProvider = new BuiltInSummarizer();
  private readonly external: SummaryProvider | null;

  constructor(config: AiConfig) {
    this.external = config.OPENROUTER_API_KEY
      ? new ChatCompletionsProvider({
          baseUrl: config.AI_BASE_URL,
          apiKey: config.OPENROUTER_API_KEY,
          model: config.AI_MODEL,
          attemptTimeoutMs: config.AI_ATTEMPT_TIMEOUT_MS,
          totalTimeoutMs: config.AI_TOTAL_TIMEOUT_MS,
          maxAttempts: config.AI_MAX_ATTEMPTS,
        })
      : null;
  }

  /** The external provider only when there is one and the company allows it. */
  for(externalAllowed: boolean): SummaryProvider {
    return externalAllowed && this.external ? this.external : this.builtIn;
  }
}
