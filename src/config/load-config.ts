import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import {
  ConfigSlice,
  SET_IN_ENVIRONMENT,
  type ReadSlice,
  type SliceClass,
  variablesOf,
} from './config-slice.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Every slice, loaded and validated: what the composition root hands to ConfigModule. */
export class AppConfig {
  constructor(private readonly loaded: ReadonlyMap<SliceClass, ConfigSlice>) {}

  get<T extends ConfigSlice>(slice: SliceClass<T>): T {
    const found = this.loaded.get(slice);
    if (!found) throw new Error(`${slice.name} is not among the loaded configuration slices`);
    return found as T;
  }

  get slices(): readonly ConfigSlice[] {
    return [...this.loaded.values()];
  }
}

function firstMessage(error: ValidationError): string {
  const constraint = Object.values(error.constraints ?? {})[0] ?? 'is invalid';
  // class-validator prefixes messages with the property name; keep exactly one mention of it.
  const text = constraint.startsWith(error.property)
    ? constraint.slice(error.property.length).trim()
    : constraint;
  return `${error.property} ${text}`;
}

function loadSlice<T extends ConfigSlice>(slice: SliceClass<T>, env: NodeJS.ProcessEnv): T {
  const raw: Record<string, string> = {};
  for (const { name } of variablesOf(slice)) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') raw[name] = value.trim();
  }
  const loaded = plainToInstance(slice, raw);
  loaded[SET_IN_ENVIRONMENT] = new Set(Object.keys(raw));
  const errors = validateSync(loaded, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(`Invalid configuration: ${firstMessage(errors[0])}`);
  return loaded;
}

/** Two slices reading one name would each believe they own it. */
function assertDeclaredOnce(slices: readonly SliceClass[]): void {
  const owner = new Map<string, string>();
  for (const slice of slices)
    for (const { name } of variablesOf(slice)) {
      const other = owner.get(name);
      if (other) throw new Error(`${name} is declared by both ${other} and ${slice.name}`);
      owner.set(name, slice.name);
    }
}

/**
 * Reads the environment once, for every slice the composition root lists. Empty strings count as
 * unset, so `.env.example` can be copied as is. Each slice is validated, then each settles its
 * rules across variables; the first failure throws ConfigError, one line naming the variable.
 */
export function loadSlices(slices: readonly SliceClass[], env: NodeJS.ProcessEnv): AppConfig {
  assertDeclaredOnce(slices);
  const loaded = new Map<SliceClass, ConfigSlice>(
    slices.map((slice) => [slice, loadSlice(slice, env)]),
  );
  const config = new AppConfig(loaded);
  const read: ReadSlice = (slice) => config.get(slice);
  for (const slice of loaded.values()) {
    const complaint = slice.settle(read);
    if (complaint) throw new ConfigError(`Invalid configuration: ${complaint}`);
  }
  return config;
}
