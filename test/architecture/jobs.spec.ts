import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(dirname(new URL(import.meta.url).pathname), '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * One skeleton for periodic work: a job is a PeriodicJob in a `*.job.ts` (which JobRunner alone
 * starts and stops), and a `*.job.ts` holds one.
 */
describe('periodic jobs', () => {
  const files = sources(SRC).map((path) => ({
    path: relative(SRC, path),
    text: readFileSync(path, 'utf8'),
  }));

  it('are PeriodicJobs in *.job.ts files, and each *.job.ts holds one', () => {
    const jobs = files.filter((file) => /\bextends PeriodicJob\b/.test(file.text));
    expect(jobs.filter((file) => !file.path.endsWith('.job.ts')).map((f) => f.path)).toEqual([]);
    const named = files.filter((file) => file.path.endsWith('.job.ts'));
    expect(named.filter((file) => !jobs.includes(file)).map((f) => f.path)).toEqual([]);
    expect(named.length).toBeGreaterThanOrEqual(5);
  });
});
