import { type SliceClass, variablesOf } from './config-slice.js';

/** A default as the table shows it: `—` when there is none. */
function shown(value: string | number | boolean | string[] | undefined): string {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return '—';
  return `\`${Array.isArray(value) ? value.join(',') : String(value)}\``;
}

/** One row per variable: its name, default, one-line description and the feature that reads it. */
export function configurationTable(slices: readonly SliceClass[]): string {
  const rows = slices.flatMap((slice) => {
    // Slices hold plain values: strings, numbers, booleans, lists.
    const defaults = new slice() as unknown as Record<string, string | number | boolean | string[]>;
    return variablesOf(slice).map(
      ({ name, description, shownDefault }) =>
        `| \`${name}\` | ${shownDefault ?? shown(defaults[name])} | ${description} | \`${slice.feature}\` |`,
    );
  });
  return ['| variable | default | description | feature |', '|---|---|---|---|', ...rows].join(
    '\n',
  );
}

/** docs/configuration.md as the slices declare it (a test keeps the file equal to this). */
export function configurationDoc(slices: readonly SliceClass[]): string {
  return `# Configuration

<!-- Generated from the configuration slices (\`src/**/*.config.ts\`) by
     \`pnpm docs:config\`; test/config/configuration-doc.spec.ts fails when it differs. -->

The process reads its environment once at boot; a bad value stops it with one line naming the
variable. Every variable is optional in development (\`pnpm start\` works with none of them), and
an empty value counts as unset. \`.env.example\` lists them all; the process does not load \`.env\`
itself.

Each feature declares the variables it reads in a slice beside its code
(\`src/<feature>/<name>.config.ts\`: name, default, validation, description), and a service
injects that slice alone. The composition root (\`src/app.config.ts\`) lists the slices; one loader
validates them all and checks the rules that span variables.

${configurationTable(slices)}
`;
}
