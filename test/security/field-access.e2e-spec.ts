import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { fieldAccessOf, REQUIRED_ACTION } from '../../src/access/field-access.js';
import { Action, PERMISSIONS } from '../../src/access/permissions.js';
import { IS_PUBLIC } from '../../src/auth/decorators/public.decorator.js';
import { Role } from '../../src/auth/role.enum.js';
import { ROOT_ANSWER } from '../../src/common/graphql/field-access.js';
import { newApiKey, newCompany, newUser, type TestUser } from '../support/factories.js';
import { newDeal } from '../support/deal-factory.js';
import { newTask } from '../support/task-factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Field = GraphQLField<unknown, unknown>;

/** Object types with an id are records; every field returning one must declare a rule. */
function recordFields(schema: GraphQLSchema): { type: GraphQLObjectType; field: Field }[] {
  const objects = Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'),
  );
  const records = new Set(objects.filter((type) => type.getFields().id).map((t) => t.name));
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  return objects
    .filter((type) => !roots.has(type.name))
    .flatMap((type) => Object.values(type.getFields()).map((field) => ({ type, field })))
    .filter(({ field }) => records.has(getNamedType(field.type).name));
}

/** Every field of Query and Mutation: the operations a client can call. */
function rootFields(schema: GraphQLSchema): { type: GraphQLObjectType; field: Field }[] {
  return [schema.getQueryType(), schema.getMutationType()]
    .filter((type): type is GraphQLObjectType => Boolean(type))
    .flatMap((type) => Object.values(type.getFields()).map((field) => ({ type, field })));
}

describe('field access: a field of records answers under its records’ own permission', () => {
  let sut: TestApp;
  let schema: GraphQLSchema;
  let admin: TestUser;
  const callers = new Map<Role, TestUser>();
  /** How a test reaches one record of each type, with a selection under it. */
  let reach: Record<string, (selection: string) => string>;
  let apiKeySecret: string;

  beforeAll(async () => {
    sut = await startTestApp();
    schema = sut.app.get(GraphQLSchemaHost).schema;
    admin = await newCompany(sut);
    const rep = await newUser(sut, admin, Role.SALES_REP);
    callers.set(Role.ADMIN, admin);
    callers.set(Role.MANAGER, await newUser(sut, admin, Role.MANAGER));
    callers.set(Role.SALES_REP, rep);

    // A lead that came in through a form, so it has a submission in the journal.
    const key = await newApiKey(sut, admin);
    apiKeySecret = key.secret;
    const submitted = await fetch(`${sut.url}/api/lead`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key.secret },
      body: JSON.stringify({ email: 'visitor@example.com', firstName: 'Vi', lastName: 'Sitor' }),
    });
    const leadId = ((await submitted.json()) as { lead_id: string }).lead_id;
    expect(leadId).toEqual(expect.any(String));
    const assign = await sut.gql(
      'mutation($id: ID!, $to: ID) { assignLead(id: $id, userId: $to) { id } }',
      { id: leadId, to: rep.id },
      admin.token,
    );
    expect(assign.errors).toBeUndefined();
    const interaction = await sut.gql<{ createInteraction: { id: string } }>(
      'mutation($i: CreateInteractionInput!) { createInteraction(createInteractionInput: $i) { id } }',
      { i: { leadId, type: 'CALL', date: new Date().toISOString(), notes: 'Called' } },
      admin.token,
    );
    const deal = await newDeal(sut, admin, { leadId, assignedToId: rep.id });
    const task = await newTask(sut, admin, { leadId, assignedToId: rep.id });
    for (const on of [{ leadId }, { dealId: deal.id }]) {
      const comment = await sut.gql(
        'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }',
        { i: { ...on, body: 'Looks promising' } },
        admin.token,
      );
      expect(comment.errors).toBeUndefined();
    }
    reach = {
      Lead: (s) => `{ lead(id: "${leadId}") { ${s} } }`,
      Deal: (s) => `{ deal(id: "${deal.id}") { ${s} } }`,
      Task: (s) => `{ task(id: "${task.id}") { ${s} } }`,
      Interaction: (s) =>
        `{ interaction(id: "${interaction.data!.createInteraction.id}") { ${s} } }`,
      Comment: (s) => `{ comments(leadId: "${leadId}", first: 1) { edges { node { ${s} } } } }`,
    };
  });

  afterAll(() => sut?.close());

  it('every field that returns records declares who may read them', () => {
    const undeclared = recordFields(schema)
      .filter(({ field }) => fieldAccessOf(field) === undefined)
      .map(({ type, field }) => `${type.name}.${field.name}`);
    expect(undeclared).toEqual([]);
  });

  it('every root operation declares what it needs: an action, signed in, or public', () => {
    const roots = rootFields(schema);
    expect(roots.length).toBeGreaterThan(60);
    const undeclared = roots
      .filter(({ field }) => [undefined, ROOT_ANSWER].includes(fieldAccessOf(field)))
      .map(({ type, field }) => `${type.name}.${field.name}`);
    expect(undeclared).toEqual([]);
    const publicOnes = roots
      .filter(({ field }) => fieldAccessOf(field) === 'public')
      .map(({ field }) => field.name);
    expect(publicOnes.sort()).toEqual(['login', 'refreshToken', 'signUp']);
  });

  it('every REST route says it is public or names the action it requires', () => {
    const reflector = sut.app.get(Reflector);
    const routes = [...sut.app.get(ModulesContainer).values()]
      .flatMap((module) => [...module.controllers.values()])
      .flatMap(({ metatype }) => {
        const type = metatype as (new () => object) | null;
        if (!type) return [];
        // Generated controllers (CsvExportController) keep their routes on a base class.
        const proto = type.prototype as Record<string, unknown>;
        const names = new Set<string>();
        for (let p = proto; p !== Object.prototype; p = Object.getPrototypeOf(p) as typeof proto)
          Object.getOwnPropertyNames(p).forEach((name) => names.add(name));
        return [...names]
          .filter(
            (name) => name !== 'constructor' && Reflect.hasMetadata('path', proto[name] as object),
          )
          .map((name) => ({ type, name, handler: proto[name] as () => unknown }));
      });
    expect(routes.length).toBeGreaterThan(2);
    const undeclared = routes
      .filter(
        ({ type, handler }) =>
          !reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, type]) &&
          !reflector.get<Action>(REQUIRED_ACTION, handler),
      )
      .map(({ type, name }) => `${type.name}.${name}`);
    expect(undeclared).toEqual([]);
  });

  it('refuses a root operation to a role the table does not grant its action', async () => {
    const asRep = await sut.gql('{ apiKeys { id } }', {}, callers.get(Role.SALES_REP)!.token);
    expect(asRep.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_PERMITTED',
    });
    const declared = rootFields(schema).find(({ field }) => field.name === 'apiKeys')!.field;
    expect(fieldAccessOf(declared)).toBe(Action.ManageApiKeys);
    expect(PERMISSIONS[Action.ManageApiKeys].roles).not.toContain(Role.SALES_REP);
  });

  it('lets only the fields that carry the root operation’s own answer go unguarded', () => {
    const unguarded = recordFields(schema)
      .filter(({ field }) => fieldAccessOf(field) === ROOT_ANSWER)
      .map(({ type, field }) => `${type.name}.${field.name}`)
      .filter((name) => !/Edge\.node$/.test(name));
    expect(unguarded.sort()).toEqual([
      'AuthPayload.user',
      'BulkDealsResult.skipped',
      'CreatedApiKey.apiKey',
    ]);
  });

  it('answers each field to each role exactly as the permission table says', async () => {
    const guarded = recordFields(schema).filter(
      ({ field }) => fieldAccessOf(field) !== ROOT_ANSWER,
    );
    expect(guarded.length).toBeGreaterThan(15);
    const unreachable = guarded
      .filter(({ type }) => !reach[type.name])
      .map(({ type }) => type.name);
    expect(unreachable).toEqual([]); // a new type of records needs a way in here

    const mismatches: string[] = [];
    for (const { type, field } of guarded) {
      const action = fieldAccessOf(field) as Action;
      for (const [role, caller] of callers) {
        const res = await sut.gql(
          reach[type.name](`${field.name} { __typename }`),
          {},
          caller.token,
        );
        const allowed = PERMISSIONS[action].roles.includes(role);
        const refused = res.errors?.find((e) => e.path?.includes(field.name));
        const ok = allowed
          ? res.errors === undefined
          : refused?.extensions.code === 'FORBIDDEN' &&
            refused.extensions.reason === 'NOT_PERMITTED';
        if (!ok)
          mismatches.push(`${type.name}.${field.name} as ${role}: ${JSON.stringify(res.errors)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses the journal one hop away: lead.submissions to a SALES_REP and a MANAGER', async () => {
    const query = reach.Lead('id submissions { body remoteIp userAgent idempotencyKey }');
    for (const role of [Role.SALES_REP, Role.MANAGER]) {
      const res = await sut.gql(query, {}, callers.get(role)!.token);
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'NOT_PERMITTED',
      });
      expect(JSON.stringify(res.data)).not.toContain('visitor@example.com');
    }
    const asAdmin = await sut.gql<{ lead: { submissions: { body: string }[] } }>(
      query,
      {},
      admin.token,
    );
    expect(asAdmin.data?.lead.submissions[0].body).toContain('visitor@example.com');
  });

  it('refuses an API key and an anonymous client at every root that leads to records', async () => {
    for (const query of Object.values(reach).map((root) => root('id'))) {
      const anonymous = await sut.gql(query);
      expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      const apiKey = await sut.gql(query, {}, apiKeySecret);
      expect(apiKey.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(Object.values(apiKey.data ?? {}).every((value) => value === null)).toBe(true);
    }
  });
});
