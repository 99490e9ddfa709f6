import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { FIELD_ACCESS } from './field-access.js';
import { CommonReason } from '../errors/error-reasons.js';
import { requestError } from './request-error.js';
import { LIST_SIZE, weightOf, type ListSize } from './query-cost.decorators.js';
import { MAX_PAGE_SIZE } from '../pagination/cursor.js';

/** Field nodes a document may hold before its cost is not even computed. */
const MAX_QUERY_NODES = 5000;

/**
 * How many objects a field can produce: `first` as the query gives it (literal, variable), else
 * the argument's default when it is absent or null (the resolver reads null as the default);
 * else the field's declared ListSize; else — for a list of objects nobody sized — the largest
 * page. A scalar or a single object is one. Never less than one: a negative `first` must not
 * cancel its siblings' cost (it fails validation, and they still run).
 */
function multiplicity(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): number {
  const first = field.args.find((arg) => arg.name === 'first');
  if (first) {
    const given = typeof args.first === 'number' ? args.first : first.defaultValue;
    return typeof given === 'number' && Number.isFinite(given)
      ? Math.max(1, Math.ceil(given))
      : MAX_PAGE_SIZE;
  }
  const declared = field.extensions[LIST_SIZE] as ListSize | undefined;
  if (typeof declared === 'number') return declared;
  if (declared) {
    const list = args[declared.lengthOf];
    return Array.isArray(list) ? Math.max(1, list.length) : 1;
  }
  const type = getNullableType(field.type);
  return isListType(type) && isCompositeType(getNamedType(type)) ? MAX_PAGE_SIZE : 1;
}

/**
 * Every field costs its weight (one; a long text more, by its MaxChars), times how many of it there can
 * be: a bound on what the answer holds. Introspection (`__schema`, `__type`) is free, as its
 * size is the schema's, not the data's; its depth is bounded apart (MAX_TOTAL_DEPTH).
 */
const objectsEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (field.name.startsWith('__')) return 0;
  const read = Math.max(childComplexity, rowWeight(getNamedType(field.type)));
  return multiplicity(field, args) * (weightOf(field.extensions) + read);
};

const rowWeights = new WeakMap<GraphQLNamedType, number>();

/**
 * What one record of a type weighs however little of it is selected: its long texts come with
 * its row whether they are asked for or not (`deals { id }` reads every deal's notes), as do the
 * objects embedded in it (a lead's attribution). Records it links to are loaded apart, only when
 * selected: they declare an access rule, and are left out.
 */
function rowWeight(type: GraphQLNamedType, depth = 0): number {
  if (!isObjectType(type) || depth > 2) return 0;
  let weight = rowWeights.get(type);
  if (weight !== undefined) return weight;
  weight = 0;
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    if (isLeafType(named)) {
      const text = weightOf(field.extensions);
      if (text > 1) weight += text;
    } else if (!isListType(getNullableType(field.type)) && !(FIELD_ACCESS in field.extensions)) {
      weight += rowWeight(named, depth + 1);
    }
  }
  rowWeights.set(type, weight);
  return weight;
}

/**
 * The depth of the whole document, introspection included, fragments followed: graphql-armor
 * bounds the depth of data fields, and ignores introspection, whose nesting (`ofType { ofType
 * … }`) would otherwise grow without bound. The standard introspection query is 13 deep.
 */
const MAX_TOTAL_DEPTH = 20;

function depthOf(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  const visit = (selections: SelectionSetNode | undefined, seen: Set<string>): number => {
    let deepest = 0;
    for (const selection of selections?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        deepest = Math.max(deepest, 1 + visit(selection.selectionSet, seen));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, visit(selection.selectionSet, seen));
      } else if (!seen.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value);
        const next = new Set(seen).add(selection.name.value);
        deepest = Math.max(deepest, visit(fragment?.selectionSet, next));
      }
      if (deepest > MAX_TOTAL_DEPTH) return deepest; // enough to refuse; no need to walk on
    }
    return deepest;
  };
  let deepest = 0;
  for (const definition of document.definitions)
    if (definition.kind === Kind.OPERATION_DEFINITION)
      deepest = Math.max(deepest, visit(definition.selectionSet, new Set()));
  return deepest;
}

export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string,
): number {
  return getComplexity({
    schema,
    query: document,
    variables,
    operationName,
    estimators: [objectsEstimator],
    maxQueryNodes: MAX_QUERY_NODES,
  });
}

/**
 * What is known of a parsed document whatever its variables: Apollo keeps one DocumentNode per
 * query text (its document store), so a query the clients repeat is measured once per shape of
 * its variables.
 */
interface Measured {
  depth: number;
  /** Cost by operation name and variable shape (variableShape). */
  costs: Map<string, number>;
}

/** Shapes remembered per document: enough for every page size a client uses. */
const MAX_SHAPES_PER_DOCUMENT = 64;

const measured = new WeakMap<DocumentNode, Measured>();

function measuredOf(document: DocumentNode): Measured {
  let known = measured.get(document);
  if (!known) {
    known = { depth: depthOf(document), costs: new Map() };
    measured.set(document, known);
  }
  return known;
}

/**
 * What of the variables the cost can depend on: a number (a `first`), a boolean (@include,
 * @skip), the length of a list (a ListSize's `lengthOf`). Strings and input objects cannot
 * change it, so two createLead calls with different leads share their cost.
 */
function variableShape(variables: Record<string, unknown> | undefined): string {
  if (!variables) return '';
  return Object.keys(variables)
    .sort()
    .map((name) => {
      const value = variables[name];
      if (typeof value === 'number' || typeof value === 'boolean') return `${name}=${value}`;
      if (Array.isArray(value)) return `${name}[${value.length}]`;
      return `${name}:${value === null ? 'null' : typeof value}`;
    })
    .join(',');
}

/** The cost of the operation, computed once per document and shape of variables. */
function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): number {
  const { costs } = measuredOf(document);
  const key = `${operationName ?? ''}(${variableShape(variables)})`;
  let cost = costs.get(key);
  if (cost === undefined) {
    cost = queryCost(schema, document, variables, operationName);
    if (costs.size < MAX_SHAPES_PER_DOCUMENT) costs.set(key, cost);
  }
  return cost;
}

/**
 * Refuses, before anything runs, an operation whose cost is over `maxCost`, with the cost and the
 * limit in the error. Variables count as literals do.
 */
export function queryCostPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operationName }) {
          const { depth } = measuredOf(document);
          if (depth > MAX_TOTAL_DEPTH)
            throw tooComplex(`Query depth ${depth} is over the limit of ${MAX_TOTAL_DEPTH}`, {
              maxDepth: MAX_TOTAL_DEPTH,
            });
          let cost: number;
          try {
            cost = costOf(schema, document, request.variables, operationName ?? undefined);
          } catch (error) {
            throw unmeasurable(error, maxCost);
          }
          if (cost > maxCost)
            throw tooComplex(`Query cost ${cost} is over the limit of ${maxCost}`, {
              cost,
              maxCost,
            });
        },
      };
    },
  };
}

/**
 * Why the cost could not be computed: a variable of the wrong type (the client's input, which
 * graphql-query-complexity coerces first), or a document too large to measure.
 */
function unmeasurable(error: unknown, maxCost: number): GraphQLError {
  if (error instanceof GraphQLError && /^Variable "\$/.test(error.message))
    return requestError(error.message, CommonReason.INVALID_INPUT);
  return tooComplex(error instanceof Error ? error.message : String(error), { maxCost });
}

function tooComplex(message: string, details: Record<string, number>): GraphQLError {
  return requestError(message, CommonReason.QUERY_TOO_COMPLEX, details);
}
