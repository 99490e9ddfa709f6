import 'reflect-metadata';
import cluster from 'node:cluster';
import { ConfigError, loadConfig } from './config/load-config.js';
import type { AppConfig } from './config/app-config.js';

/** WEB_CONCURRENCY > 1: this process only supervises; it never loads the application. */
async function supervise(config: AppConfig): Promise<void> {
  const [{ pino }, { clusterHost }, { WorkerSupervisor }] = await Promise.all([
    import('pino'),
    import('./cluster/cluster-host.js'),
    import('./cluster/worker-supervisor.js'),
  ]);
  const log = pino({ level: config.LOG_LEVEL }).child({ context: 'Cluster' });
  const supervisor = new WorkerSupervisor(config, clusterHost(), log, (code) => process.exit(code));
  process.on('SIGTERM', () => supervisor.stop('SIGTERM received: draining the workers'));
  process.on('SIGINT', () => supervisor.stop('SIGINT received: draining the workers'));
  supervisor.start();
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.WEB_CONCURRENCY > 1 && cluster.isPrimary) return supervise(config);
  const { serve } = await import('./serve.js');
  await serve(config);
}

main().catch((error: unknown) => {
  // A bad configuration is one readable line; anything else keeps its stack.
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
