/** One environment variable of a slice, as the documentation prints it. */
export interface VariableDeclaration {
  readonly name: string;
  /** One line: what the variable decides. */
  readonly description: string;
  /** How the default reads when it is not a plain value (it derives from another variable). */
  readonly shownDefault?: string;
}

const DECLARED = new WeakMap<object, VariableDeclaration[]>();

/**
 * Marks a property of a slice as an environment variable of the same name, with its one-line
 * description. Its initial value is the default; its class-validator decorators validate it.
 */
export function Variable(
  description: string,
  options: { default?: string } = {},
): PropertyDecorator {
  return (target, property) => {
    const declared = DECLARED.get(target.constructor) ?? [];
    declared.push({ name: String(property), description, shownDefault: options.default });
    DECLARED.set(target.constructor, declared);
  };
}

/** Where the loader notes the variables the environment set (a symbol: not one of them). */
export const SET_IN_ENVIRONMENT = Symbol('set in the environment');

/**
 * The variables one feature reads, declared beside it (`<feature>.config.ts`). Loaded and
 * validated once at boot with every other slice; a Nest provider under its own class, so a
 * service injects the slice it needs and nothing else.
 */
export abstract class ConfigSlice {
  /** The feature the variables belong to (the documentation groups them by it). */
  static readonly feature: string;

  /** The names the environment set; the others hold their defaults. */
  [SET_IN_ENVIRONMENT]: ReadonlySet<string> = new Set();

  /** Whether the environment set `name`, rather than it holding its default. */
  isSet(name: Extract<keyof this, string>): boolean {
    return this[SET_IN_ENVIRONMENT].has(name);
  }

  /**
   * Runs once every slice is valid: rules across variables (this slice's and, through `read`,
   * other slices'), and values derived from them. Returns what is wrong, naming the variable.
   */
  settle(_read: ReadSlice): string | undefined {
    return undefined;
  }
}

export type SliceClass<T extends ConfigSlice = ConfigSlice> = (new () => T) & {
  readonly feature: string;
};

export type ReadSlice = <T extends ConfigSlice>(slice: SliceClass<T>) => T;

/** The variables a slice declares, in declaration order. */
export function variablesOf(slice: SliceClass): readonly VariableDeclaration[] {
  return DECLARED.get(slice) ?? [];
}
