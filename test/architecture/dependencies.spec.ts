import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const SRC = resolve(dirname(new URL(import.meta.url).pathname), '../../src');

/**
 * Which folders of src/ each folder may import: dependencies run one way. A new module adds its
 * line here (and docs/architecture.md prints this table), so its place in the order is a
 * decision, not an accident. auth, users and access are one layer: identity (roles, tokens,
 * accounts, permissions).
 */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  config: [],
  common: ['config'],
  database: ['common', 'config'],
  redis: ['common', 'config'],
  cluster: ['common', 'config'],
  'rate-limit': ['common', 'config', 'redis'],
  // Identity: who the caller is (auth), the accounts (users), what they may do (access).
  access: ['common', 'config', 'database', 'auth'],
  users: ['common', 'config', 'database', 'auth', 'access'],
  auth: ['common', 'config', 'database', 'redis', 'rate-limit', 'users', 'access'],
  'api-keys': ['common', 'config', 'database', 'auth', 'access'],
  companies: ['common', 'config', 'database', 'auth', 'access'],
  audit: ['common', 'config', 'database', 'auth', 'access'],
  health: ['common', 'config', 'database', 'redis', 'rate-limit', 'auth'],
  observability: ['common', 'config', 'database', 'redis', 'cluster', 'rate-limit', 'auth'],
  leads: ['common', 'config', 'database', 'rate-limit', 'auth', 'access', 'users'],
  interactions: ['common', 'config', 'database', 'auth', 'access', 'users', 'leads'],
  ingestion: [
    'common',
    'config',
    'database',
    'auth',
    'access',
    'rate-limit',
    'users',
    'api-keys',
    'leads',
  ],
  scoring: [
    'common',
    'config',
    'database',
    'auth',
    'access',
    'rate-limit',
    'leads',
    'interactions',
  ],
  deals: [
    'common',
    'config',
    'database',
    'redis',
    'rate-limit',
    'auth',
    'access',
    'users',
    'companies',
    'leads',
    'scoring',
  ],
  tasks: ['common', 'config', 'database', 'auth', 'access', 'users', 'leads', 'deals'],
  comments: ['common', 'config', 'database', 'auth', 'access', 'users', 'leads', 'deals'],
  // Listens to the events of the features it notifies about; none of them imports it.
  notifications: [
    'common',
    'config',
    'database',
    'rate-limit',
    'auth',
    'access',
    'users',
    'leads',
    'scoring',
    'deals',
    'tasks',
    'comments',
  ],
};

/**
 * Folders that form one layer and may use each other: identity (roles and tokens, accounts, and
 * the permissions access/ checks on their behalf).
 */
const SAME_LAYER: readonly (readonly [string, string])[] = [
  ['auth', 'users'],
  ['auth', 'access'],
  ['users', 'access'],
];

/** Composition roots: they alone may know every module. */
const COMPOSITION = new Set([
  'app.module.ts',
  'app.config.ts',
  'app.factory.ts',
  'main.ts',
  'serve.ts',
  'cli',
]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** The top-level folder (or root file) of src/ a path lies in. */
const folderOf = (path: string): string => relative(SRC, path).split(sep)[0];

interface Edge {
  from: string;
  to: string;
  file: string;
  /** The imported file, relative to src/. */
  target: string;
}

function edges(): Edge[] {
  const found: Edge[] = [];
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    // `… from '…'`, `import '…'` and `import('…')`.
    for (const [, specifier] of text.matchAll(
      /\b(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g,
    )) {
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(SRC + sep)) continue; // migrations/, outside src
      const from = folderOf(file);
      const to = folderOf(target);
      if (from !== to)
        found.push({ from, to, file: relative(SRC, file), target: relative(SRC, target) });
    }
  }
  return found;
}

describe('module dependencies', () => {
  const graph = edges().filter((edge) => !COMPOSITION.has(edge.from));

  it('run only in the allowed directions', () => {
    const unknown = [...new Set(graph.map((e) => e.from))].filter((f) => !(f in ALLOWED));
    expect(unknown).toEqual([]);
    const against = graph
      .filter((edge) => !ALLOWED[edge.from].includes(edge.to))
      .map((edge) => `${edge.file} imports ${edge.to}/`);
    expect(against).toEqual([]);
  });

  it('keep common/ and database/ free of features, and leads/ free of what builds on it', () => {
    const base = new Set(['common', 'config']);
    expect(graph.filter((e) => e.from === 'common' && !base.has(e.to))).toEqual([]);
    expect(graph.filter((e) => e.from === 'database' && !base.has(e.to))).toEqual([]);
    expect(graph.filter((e) => e.from === 'leads' && e.to === 'interactions')).toEqual([]);
  });

  it('form no cycle, but within a layer', () => {
    const sameLayer = (a: string, b: string): boolean =>
      SAME_LAYER.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
    const cycles: string[] = [];
    const visit = (folder: string, path: string[]): void => {
      for (const next of ALLOWED[folder] ?? []) {
        if (sameLayer(folder, next)) continue;
        if (path.includes(next)) cycles.push([...path, next].join(' → '));
        else visit(next, [...path, next]);
      }
    };
    for (const folder of Object.keys(ALLOWED)) visit(folder, [folder]);
    expect(cycles).toEqual([]);
  });

  it('never reach into another module’s repositories', () => {
    const intoRepositories = graph
      .filter(
        (edge) => edge.target.endsWith('.repository.ts') || edge.target.endsWith('.repository.js'),
      )
      .map((edge) => `${edge.file} imports ${edge.target}`);
    expect(intoRepositories).toEqual([]);
  });

  it('need no forwardRef anywhere', () => {
    const offenders = sources(SRC).filter((file) =>
      /\bforwardRef\b/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('are printed in docs/architecture.md as this test holds them', () => {
    const readme = readFileSync(resolve(SRC, '../docs/architecture.md'), 'utf8');
    const printed = /<!-- dependencies:start -->\n([\s\S]*?)\n<!-- dependencies:end -->/.exec(
      readme,
    )?.[1];
    const table = [
      '| module | may import |',
      '|---|---|',
      ...Object.entries(ALLOWED).map(
        ([folder, allowed]) =>
          `| \`${folder}/\` | ${allowed.map((a) => `\`${a}/\``).join(' ') || '—'} |`,
      ),
    ].join('\n');
    expect(printed).toBe(table);
  });
});
