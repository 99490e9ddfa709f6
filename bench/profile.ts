import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of a V8 CPU profile (`node --cpu-prof`) this reads. */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a sample's time went: a package, a folder of the app, Node's core, or V8 itself. */
export interface ProfileShare {
  owner: string;
  ms: number;
  share: number;
}

const V8_FRAMES: Record<string, string> = {
  '(garbage collector)': 'V8: garbage collection',
  '(program)': 'V8: compiling, runtime',
};

/** The owner of code at `url`: `pg`, `@nestjs/core`, `app: leads`, `node: net`… */
function ownerOf(url: string): string | undefined {
  if (!url) return undefined;
  const inPackage = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (inPackage) return inPackage[1];
  const inApp = /\/dist\/(src|bench|devkit)\/([^/]+)/.exec(url);
  if (inApp) return `app: ${inApp[2].replace(/\.js$/, '')}`;
  // node:internal/streams/readable → node: internal/streams; node:net → node: net.
  if (url.startsWith('node:'))
    return `node: ${url.slice(5).split('/').slice(0, 2).join('/').replace(/\.js$/, '')}`;
  return url;
}

/**
 * CPU time by owner over the profile's samples, idle excluded. Built-in functions (no URL:
 * JSON.stringify, Promise machinery) count for the code that called them, so that a package's
 * share holds the work it asked V8 to do.
 */
export function sharesByOwner(profile: CpuProfile): { totalMs: number; shares: ProfileShare[] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const ownerCache = new Map<number, string>();
  const owner = (id: number): string => {
    const known = ownerCache.get(id);
    if (known) return known;
    const { functionName, url } = byId.get(id)!.callFrame;
    let found = V8_FRAMES[functionName] ?? ownerOf(url);
    if (!found) {
      const up = parent.get(id);
      found = up === undefined ? 'V8: builtins' : owner(up);
    }
    ownerCache.set(id, found);
    return found;
  };
  const ms = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (byId.get(id)?.callFrame.functionName === '(idle)') return;
    const who = owner(id);
    ms.set(who, (ms.get(who) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const totalMs = [...ms.values()].reduce((sum, v) => sum + v, 0);
  const shares = [...ms]
    .map(([who, v]) => ({ owner: who, ms: v, share: v / totalMs }))
    .sort((a, b) => b.ms - a.ms);
  return { totalMs, shares };
}

/** The profile a process wrote into `dir` (`--cpu-prof-dir`) when it exited. */
export function readProfile(dir: string): CpuProfile {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
}
