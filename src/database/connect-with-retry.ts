import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryOptions {
  retries: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
}

/** Runs `attempt` until it succeeds, backing off exponentially; rethrows the last error. */
export async function withRetry<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const base = options.baseDelayMs ?? 250;
  const max = options.maxDelayMs ?? 5000;
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= options.retries) throw error;
      const delay = Math.min(max, base * 2 ** n);
      options.onRetry?.(n + 1, delay, error);
      await sleep(delay);
    }
  }
}
