import 'reflect-metadata';
import cluster from 'node:cluster';
import { ConfigError, loadConfig } from './config/load-config.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // Imported on demand: the supervisor process never loads the application.
  if (config.WEB_CONCURRENCY > 1 && cluster.isPrimary) {
    const { WorkerSupervisor } = await import('./cluster/worker-supervisor.js');
    new WorkerSupervisor(config).start();
  } else {
    const { serve } = await import('./serve.js');
    await serve(config);
  }
}

main().catch((error: unknown) => {
  // A bad configuration is one readable line; anything else keeps its stack.
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
