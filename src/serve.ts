import { Logger } from '@nestjs/common';
import { createApp, logStream } from './app.factory.js';
import type { AppConfig } from './config/load-config.js';
import { PlatformConfig } from './config/platform.config.js';
import { SUPERVISED_WORKER_ENV } from './cluster/cluster-host.js';
import { ErrorTracking } from './observability/error-tracking.js';

/** One server instance: the whole process, or one worker of WorkerSupervisor. */
export async function serve(loaded: AppConfig): Promise<void> {
  const app = await createApp(loaded);
  app.get(ErrorTracking).watchProcess();
  const config = loaded.get(PlatformConfig);
  const logger = new Logger('Main');

  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: finishing in-flight requests`);
    setTimeout(() => {
      logger.error(`shutdown took longer than ${config.SHUTDOWN_TIMEOUT_MS} ms; exiting`);
      logStream.flushSync();
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS).unref();
    // Stops accepting, drains requests, then runs shutdown hooks: pool closed, embedded database stopped.
    app.close().then(
      () => {
        logStream.flushSync();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(error instanceof Error ? error.stack : String(error));
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  await app.listen({ port: config.PORT, host: config.HOST });
  const port = new URL(await app.getUrl()).port;
  // With workers, the supervisor announces readiness once all of them listen.
  if (process.env[SUPERVISED_WORKER_ENV]) logger.log(`worker listening on port ${port}`);
  else logger.log(`ready: http://localhost:${port}/graphql (${config.NODE_ENV})`);
}
