import { registerEnumType } from '@nestjs/graphql';

/**
 * One value of a GraphQL enum: its description; or, when what the code and the database hold is
 * not its name (`INGEST` stored as `ingest`), that value with the description.
 */
export type EnumValueSpec = string | { readonly value: string; readonly description: string };

/** The object graphqlEnum returns: each name to its value. */
export type EnumObject<S> = {
  readonly [K in keyof S & string]: S[K] extends { readonly value: infer V } ? V : K;
};

/** The values of an enum object as a type: `EnumValue<typeof LeadStatus>` is `'NEW' | …`. */
export type EnumValue<E> = E[keyof E];

/**
 * Declares a GraphQL enum once: the values by name (in schema order) with their descriptions, or
 * only their names where the enum's description says it all. Returns the frozen
 * `{ NAME: value }` object the code uses as it would a TypeScript enum (`LeadStatus.NEW`,
 * `@IsEnum(LeadStatus)`, `Object.values(LeadStatus)`), registered under `name` for the schema;
 * pair it with `type X = EnumValue<typeof X>`.
 */
export function graphqlEnum<const N extends string>(
  name: string,
  description: string,
  names: readonly N[],
): { readonly [K in N]: K };
export function graphqlEnum<const S extends Readonly<Record<string, EnumValueSpec>>>(
  name: string,
  description: string,
  values: S,
): EnumObject<S>;
export function graphqlEnum(
  name: string,
  description: string,
  values: readonly string[] | Readonly<Record<string, EnumValueSpec>>,
): Readonly<Record<string, string>> {
  const specs: [string, EnumValueSpec | undefined][] = isNameList(values)
    ? values.map((key) => [key, undefined])
    : Object.entries(values);
  const enumObject = Object.freeze(
    Object.fromEntries(
      specs.map(([key, spec]) => [key, typeof spec === 'object' ? spec.value : key]),
    ),
  );
  const valuesMap = Object.fromEntries(
    specs.flatMap(([key, spec]) =>
      spec === undefined
        ? []
        : [[key, { description: typeof spec === 'string' ? spec : spec.description }]],
    ),
  );
  registerEnumType(enumObject, { name, description, valuesMap });
  return enumObject;
}

function isNameList(
  values: readonly string[] | Readonly<Record<string, EnumValueSpec>>,
): values is readonly string[] {
  return Array.isArray(values);
}
