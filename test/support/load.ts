/** What one request of a load ended with. */
export interface Outcome<T> {
  ok: boolean;
  /** The value the request resolved with (when ok), or the error it threw. */
  value?: T;
  error?: unknown;
}

export interface Load<T> {
  outcomes: Outcome<T>[];
  /** Resolves once `n` more requests have ended than when it was called. */
  settled(n: number, timeoutMs?: number): Promise<void>;
  /** Resolves when a request started after this call has ended ok. */
  nextSuccess(timeoutMs?: number): Promise<T>;
  /** Lets the loops finish the requests they are sending, and stops them. */
  stop(): Promise<Outcome<T>[]>;
}

/**
 * A closed loop of `concurrency` callers, each sending `request` as soon as its last one ended,
 * until `stop`. Small on purpose: the fault is the subject, not the throughput.
 */
export function startLoad<T>(
  concurrency: number,
  request: (n: number) => Promise<T>,
  options: { pauseMs?: number } = {},
): Load<T> {
  const outcomes: Outcome<T>[] = [];
  const listeners = new Set<() => void>();
  let stopped = false;
  let sent = 0;
  const loop = async (): Promise<void> => {
    while (!stopped) {
      const n = sent++;
      try {
        outcomes.push({ ok: true, value: await request(n) });
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
      for (const l of [...listeners]) l();
      if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
      else await new Promise((r) => setImmediate(r));
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  const until = (done: () => boolean, what: string, timeoutMs: number): Promise<void> =>
    new Promise((resolve, reject) => {
      if (done()) return resolve();
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`load: ${what} did not happen within ${timeoutMs} ms`));
      }, timeoutMs);
      const check = (): void => {
        if (!done()) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve();
      };
      listeners.add(check);
    });
  return {
    outcomes,
    settled(n, timeoutMs = 20_000) {
      const target = outcomes.length + n;
      return until(() => outcomes.length >= target, `${n} more requests`, timeoutMs);
    },
    async nextSuccess(timeoutMs = 20_000) {
      const from = outcomes.length + concurrency; // those in flight now may have started before
      await until(() => outcomes.slice(from).some((o) => o.ok), 'a successful request', timeoutMs);
      return outcomes.slice(from).find((o) => o.ok)!.value as T;
    },
    async stop() {
      stopped = true;
      await Promise.all(loops);
      return outcomes;
    },
  };
}

/** Polls `probe` until it returns true; fails after `timeoutMs` with `what`. */
export async function eventually(
  what: string,
  probe: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (
      await Promise.resolve()
        .then(probe)
        .catch(() => false)
    )
      return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
