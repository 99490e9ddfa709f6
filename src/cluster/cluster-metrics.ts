import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry } from 'prom-client';

/**
 * One scrape answers for every worker: the worker that gets `GET /metrics` asks the supervisor,
 * which gathers each worker's registry over IPC (prom-client's AggregatorRegistry: counters and
 * histograms summed, gauges by their aggregator) and sends the text back.
 */
const REQUEST = 'crm:metrics:request';
const RESPONSE = 'crm:metrics:response';

interface MetricsRequest {
  type: typeof REQUEST;
  id: string;
}
interface MetricsResponse {
  type: typeof RESPONSE;
  id: string;
  text?: string;
  error?: string;
}

const isRequest = (message: unknown): message is MetricsRequest =>
  (message as MetricsRequest | null)?.type === REQUEST;
const isResponse = (message: unknown): message is MetricsResponse =>
  (message as MetricsResponse | null)?.type === RESPONSE;

/** The supervisor's side: answers each worker's request with every worker's metrics. */
export function answerMetricsRequests(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: unknown) => {
    if (!isRequest(message)) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: RESPONSE, id: message.id, text }),
      (error: unknown) => worker.send({ type: RESPONSE, id: message.id, error: String(error) }),
    );
  });
}

/**
 * A worker's side, once at boot: answers the supervisor's gathering with this worker's registry
 * (prom-client listens for it only once an AggregatorRegistry exists in the process).
 */
export function offerMetricsToSupervisor(): void {
  new AggregatorRegistry();
}

/** A worker's side: every worker's metrics, through the supervisor. */
export function clusterMetrics(timeoutMs: number): Promise<string> {
  const send = process.send?.bind(process);
  if (!send) return Promise.reject(new Error('not a cluster worker'));
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error('the supervisor did not answer')), timeoutMs);
    const onMessage = (message: unknown): void => {
      if (!isResponse(message) || message.id !== id) return;
      finish(message.error === undefined ? undefined : new Error(message.error), message.text);
    };
    const finish = (error?: Error, text?: string): void => {
      clearTimeout(timer);
      process.off('message', onMessage);
      if (error) reject(error);
      else resolve(text ?? '');
    };
    process.on('message', onMessage);
    send({ type: REQUEST, id } satisfies MetricsRequest);
  });
}
