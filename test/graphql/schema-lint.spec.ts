import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// graphql-schema-linter is CommonJS; its runner parts are not in the package's index.
const require = createRequire(import.meta.url);

interface LintError {
  message: string;
  ruleName: string;
  locations: { line: number; column: number }[];
}
interface Linter {
  loadOptionsFromConfigDir: (directory: string) => { schemaPaths: string[] } & object;
  loadSchema: (options: { schemaPaths: string[] }) => Promise<unknown>;
  Configuration: new (
    schema: unknown,
    options: object,
  ) => { validate: () => { message: string }[]; getRules: () => unknown[] };
  validateSchemaDefinition: (
    schema: unknown,
    rules: unknown[],
    configuration: unknown,
  ) => LintError[];
}

const linter: Linter = {
  ...(require('graphql-schema-linter/lib/options.js') as Pick<Linter, 'loadOptionsFromConfigDir'>),
  ...(require('graphql-schema-linter/lib/schema.js') as Pick<Linter, 'loadSchema'>),
  ...(require('graphql-schema-linter/lib/configuration.js') as Pick<Linter, 'Configuration'>),
  ...(require('graphql-schema-linter/lib/validator.js') as Pick<
    Linter,
    'validateSchemaDefinition'
  >),
};

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the rules of .graphql-schema-linterrc.yml over schema.graphql, as the CLI would. */
async function lint(): Promise<{ rules: unknown[]; errors: string[] }> {
  const options = linter.loadOptionsFromConfigDir(ROOT);
  const schema = await linter.loadSchema(options);
  const configuration = new linter.Configuration(schema, options);
  expect(configuration.validate()).toEqual([]);
  const rules = configuration.getRules();
  const errors = linter
    .validateSchemaDefinition(schema, rules, configuration)
    .map((e) => `schema.graphql:${e.locations[0].line} ${e.message} (${e.ruleName})`);
  return { rules, errors };
}

describe('schema.graphql', () => {
  it('passes graphql-schema-linter: descriptions everywhere, Relay connections and PageInfo', async () => {
    const { rules, errors } = await lint();
    // The config names 15 rules; a misspelt one would silently drop out.
    expect(rules).toHaveLength(15);
    expect(errors).toEqual([]);
  });
});
