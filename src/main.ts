import 'reflect-metadata';
import cluster from 'node:cluster';
import { loadConfig } from './app.config.js';
import { ConfigError } from './config/load-config.js';
import { PlatformConfig } from './config/platform.config.js';

/** WEB_CONCURRENCY > 1: this process only supervises; it never loads the application. */
async function supervise(config: PlatformConfig): Promise<void> {
  const [{ pino }, { clusterHost }, { WorkerSupervisor }, { answerMetricsRequests }] =
    await Promise.all([
      import('pino'),
      import('./cluster/cluster-host.js'),
      import('./cluster/worker-supervisor.js'),
      import('./cluster/cluster-metrics.js'),
    ]);
  const log = pino({ level: config.LOG_LEVEL }).child({ context: 'Cluster' });
  const supervisor = new WorkerSupervisor(config, clusterHost(), log, (code) => process.exit(code));
  process.on('SIGTERM', () => supervisor.stop('SIGTERM received: draining the workers'));
  process.on('SIGINT', () => supervisor.stop('SIGINT received: draining the workers'));
  answerMetricsRequests();
  supervisor.start();
}

async function main(): Promise<void> {
  const config = loadConfig();
  const platform = config.get(PlatformConfig);
  if (platform.WEB_CONCURRENCY > 1 && cluster.isPrimary) return supervise(platform);
  const { serve } = await import('./serve.js');
  await serve(config);
}

main().catch((error: unknown) => {
  // A bad configuration is one readable line; anything else keeps its stack.
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
