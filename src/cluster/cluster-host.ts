import cluster, { type Worker } from 'node:cluster';
import { relayLines } from './line-relay.js';
import type { WorkerHandle, WorkerHost } from './worker-supervisor.js';

/** Set in the environment of the workers WorkerSupervisor forks. */
export const SUPERVISED_WORKER_ENV = 'CRM_SUPERVISED_WORKER';

const handle = (worker: Worker): WorkerHandle => ({
  id: worker.id,
  pid: worker.process.pid,
  kill: (signal) => worker.process.kill(signal),
});

/** node:cluster, with each worker's output relayed line by line through this process. */
export function clusterHost(): WorkerHost {
  cluster.setupPrimary({ silent: true });
  return {
    fork: () => {
      const worker = cluster.fork({ [SUPERVISED_WORKER_ENV]: '1' });
      if (worker.process.stdout) relayLines(worker.process.stdout, process.stdout);
      if (worker.process.stderr) relayLines(worker.process.stderr, process.stderr);
      return handle(worker);
    },
    onListening: (listener) =>
      cluster.on('listening', (worker, address) => listener(handle(worker), address.port)),
    onExit: (listener) =>
      cluster.on('exit', (worker, code, signal) => listener(handle(worker), code, signal)),
  };
}
