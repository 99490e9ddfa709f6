import { randomBytes, randomUUID } from 'node:crypto';
import { ApiKeyScope } from '../../src/auth/api-key-scope.enum.js';
import {
  systemCaller,
  type ApiKeyCaller,
  type SystemCaller,
  type UserCaller,
} from '../../src/auth/auth-context.js';
import { Role } from '../../src/auth/role.enum.js';
import { ActorKind } from '../../src/common/events/actor.js';
import type { CreateLeadInput } from '../../src/leads/dto/create-lead.input.js';
import type { ServiceHarness } from './service-harness.js';

const unique = (): string => randomBytes(5).toString('hex');

/** Rows written straight to the database, and the callers that act on them. */
export class Factories {
  constructor(private readonly sut: ServiceHarness) {}

  async newCompany(): Promise<string> {
    const [row] = await this.sut.sql<{ id: string }>(
      'INSERT INTO companies (name) VALUES ($1) RETURNING id',
      [`Company ${unique()}`],
    );
    return row.id;
  }

  /** A user of `companyId`, as the caller a valid access token of theirs would give. */
  async newUser(companyId: string, role: Role = Role.SALES_REP): Promise<UserCaller> {
    const [row] = await this.sut.sql<{ id: string }>(
      `INSERT INTO users (company_id, email, password_hash, first_name, last_name, role)
       VALUES ($1, $2, 'not-a-hash', 'Sam', 'Seller', $3) RETURNING id`,
      [companyId, `${role.toLowerCase()}-${unique()}@example.com`, role],
    );
    return {
      kind: ActorKind.USER,
      userId: row.id,
      companyId,
      role,
      requestId: randomUUID(),
      ip: '127.0.0.1',
    };
  }

  /** An API key of `companyId`, as the caller presenting its secret would be. */
  async newApiKey(companyId: string, scopes = [ApiKeyScope.INGEST]): Promise<ApiKeyCaller> {
    const [row] = await this.sut.sql<{ id: string }>(
      `INSERT INTO api_keys (company_id, name, prefix, key_hash, scopes)
       VALUES ($1, 'form', 'crm_test', $2, $3) RETURNING id`,
      [companyId, randomBytes(32).toString('hex'), scopes],
    );
    return {
      kind: ActorKind.API_KEY,
      apiKeyId: row.id,
      companyId,
      scopes,
      requestId: randomUUID(),
      ip: '203.0.113.7',
    };
  }

  system(companyId: string, job = 'test.job'): SystemCaller {
    return systemCaller(companyId, job);
  }
}

/** A valid createLead input; `overrides` change what a test is about. */
export function newLeadInput(overrides: Partial<CreateLeadInput> = {}): CreateLeadInput {
  return {
    firstName: 'Grace',
    lastName: 'Hopper',
    email: `lead-${unique()}@example.com`,
    ...overrides,
  };
}
