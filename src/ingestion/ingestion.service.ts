import { Injectable, Logger } from '@nestjs/common';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { sqlState } from '../common/errors/database-errors.js';
import { reportServerFault } from '../common/errors/server-faults.js';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import { ApiKeyScope } from '../auth/api-key-scope.enum.js';
import { systemCaller, type AuthContext } from '../auth/auth-context.js';
import { IngestionConfig } from './ingestion.config.js';
import type { SubmittedLead } from '../leads/dto/submitted-lead.js';
import { LeadException, LeadReason } from '../leads/lead.exception.js';
import { LeadIntakeService } from '../leads/lead-intake.service.js';
import { clientKey } from '../rate-limit/client-key.js';
import { RateLimiters } from '../rate-limit/rate-limiters.js';
import { tryConsume } from '../rate-limit/spend.js';
import { IngestionBudget } from './ingestion-budget.js';
import { IngestionReplies as Reply, type IngestionReply } from './ingestion-reply.js';
import { LeadRoutingService } from './lead-routing.service.js';
import { RawLeadStatus } from './raw-lead-status.enum.js';
import { LeadRouting } from './lead-routing.enum.js';
import {
  RawLeadsRepository,
  type KeyClaim,
  type KeyScope,
  type NewRawLead,
  type StoredRaw,
} from './raw-leads.repository.js';
import type { RawLeadRecord } from './raw-lead.record.js';
import { MAX_USER_AGENT_CHARS, storedBytes } from './stored-bytes.js';
import { normalize, receive, type Normalized, type ReceivedBody } from './submission.js';

/** One POST /api/lead as it arrived. */
export interface Submission {
  body: Buffer;
  idempotencyKey: string | undefined;
  requestId: string;
  ip: string;
  userAgent: string | undefined;
}

/** A stored submission, as the steps after the raw write need it. */
interface StoredSubmission {
  id: string;
  companyId: string;
  /** The key that sent it: whose default assignee a new lead may get. */
  apiKeyId: string | null;
  idempotencyKey: string | null;
  fingerprint: string;
}

/** What is stored of a request, worked out before the budget is charged for it. */
interface RowToStore {
  received: ReceivedBody;
  normalized: Normalized;
  /** The jsonb copy's text, or null when none is kept. */
  payload: string | null;
  /** As stored: cut to MAX_USER_AGENT_CHARS. */
  userAgent: string | null;
  /** What the company's byte budget is charged for it (storedBytes). */
  charge: number;
}

/** Where a submission stands with its idempotency key, and its company's routing when known. */
interface KeyState {
  claimed: boolean;
  held: Omit<KeyClaim, 'rawId'> | null;
  routing: LeadRouting | undefined;
}

const FAILED_AUTH_PER_MINUTE = 30;
const REMEMBER_USABLE_MS = 60_000;
const MAX_REMEMBERED_KEYS = 10_000;

const PRINTABLE_ASCII = /^[\x20-\x7e]{1,255}$/;

/** How soon the reprocessor tries again a submission whose normalization failed. */
const RETRY_SECONDS = 10;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POST /api/lead, raw first: the request is committed to leads_raw before anything else is done
 * with it, and every later step that fails leaves it there, queued. Then, by e-mail and key: a new
 * lead (201), a lead it merges into (200), the lead of an earlier request with its key (409).
 */
@Injectable()
export class IngestionService {
  private readonly logger = new Logger(IngestionService.name);
  /**
   * Keys (by hash) that authenticated lately, until when, and their company (whose budget they
   * spend): they skip the lookup before storing. Only that: the statement that stores a
   * submission authenticates its key every time, so a key revoked meanwhile still stores nothing.
   */
  private readonly usableUntil = new Map<string, { until: number; companyId: string }>();
  /** Failed authentications per client IP and instance: guessing keys is slowed down here. */
  private readonly failedAuthPerIp = new RateLimiterMemory({
    keyPrefix: 'ingest-auth-failures',
    points: FAILED_AUTH_PER_MINUTE,
    duration: 60,
  });

  constructor(
    private readonly raws: RawLeadsRepository,
    private readonly intake: LeadIntakeService,
    private readonly apiKeys: ApiKeysService,
    private readonly limiters: RateLimiters,
    private readonly routing: LeadRoutingService,
    private readonly budget: IngestionBudget,
    private readonly config: IngestionConfig,
  ) {}

  /**
   * One POST /api/lead from the presented key's secret to its answer. The key is authenticated by
   * the statement that stores the submission (RawLeadsRepository.store): a key that is not usable
   * stores nothing and answers 401. Before that: 429 past 30 bad keys a minute from one address
   * (per instance), over the key's own limit, or over its company's budget (IngestionBudget).
   */
  async submit(secret: string | undefined, submission: Submission): Promise<IngestionReply> {
    // Only failures count, so that no number of good requests at once runs into it; an address
    // past the limit is refused before its key is even looked up.
    const client = clientKey(submission.ip);
    const failures = await this.failedAuthPerIp.get(client);
    if (failures && failures.remainingPoints <= 0)
      return Reply.rateLimited(Math.max(1, Math.ceil(failures.msBeforeNext / 1000)));
    const keyHash = secret ? this.apiKeys.hashOf(secret) : null;
    if (!secret || !keyHash) return this.refused(client);
    // A key not seen to work lately is looked up before its body is read or anything is counted
    // for it: what an anonymous client can make the service do is one indexed lookup.
    const companyId =
      this.recentCompanyOf(keyHash) ??
      (await this.apiKeys.usableKeyCompany(keyHash, ApiKeyScope.INGEST));
    if (!companyId) return this.refused(client);
    const key = submission.idempotencyKey;
    const keyIsUsable = key === undefined || PRINTABLE_ASCII.test(key);
    // The request is worked out before anything is counted: the budget is charged what it will
    // store (jsonb copy included), in the same Redis round trip as the key's own limit.
    const toStore = keyIsUsable ? rowToStore(submission) : null;
    // The key's own limit (by the hash the key is found by) and its company's budget are counted
    // at once: one wait for Redis on the hot path. Only a request that would be stored spends the
    // budget, and it is refused before anything is stored: the sender retries after Retry-After.
    const [keyLimit, budget] = await Promise.all([
      tryConsume(this.limiters.ingestPerKey, keyHash),
      toStore ? this.budget.spend(companyId, toStore.charge) : null,
    ]);
    if (!keyLimit.allowed) {
      // A form flooding past its own limit spends nothing of the budget its company's other
      // forms share.
      if (budget?.allowed) await budget.giveBack('all');
      return Reply.rateLimited(keyLimit.retryAfterSeconds);
    }
    if (!toStore || !budget) {
      // An unusable Idempotency-Key: nothing is stored; only a good key learns what is wrong.
      const meta = { requestId: submission.requestId, ip: submission.ip };
      const caller = await this.apiKeys.authenticate(meta, secret, ApiKeyScope.INGEST);
      return caller ? Reply.invalidIdempotencyKey() : this.refused(client);
    }
    if (!budget.allowed) return Reply.budgetSpent(budget.retryAfter, budget.limit);
    return this.ingest(keyHash, client, submission, toStore, budget.giveBack);
  }

  private async ingest(
    keyHash: string,
    client: string,
    submission: Submission,
    toStore: RowToStore,
    giveBack: (what: 'all' | 'bytes') => Promise<void>,
  ): Promise<IngestionReply> {
    const key = submission.idempotencyKey;
    const { received, normalized } = toStore;
    let row: StoredRaw | null;
    try {
      row = await this.storeRaw({
        keyHash,
        scope: ApiKeyScope.INGEST,
        body: submission.body,
        payload: toStore.payload,
        idempotencyKey: key ?? null,
        fingerprint: received.fingerprint,
        requestId: submission.requestId,
        remoteIp: submission.ip,
        userAgent: toStore.userAgent,
        status: initialStatus(normalized),
        omittedFields: normalized.kind === 'not-an-object' ? [] : normalized.omitted,
        claimKey: normalized.kind === 'lead',
        leaseSeconds: this.config.INGEST_LEASE_SECONDS,
      });
    } catch (error) {
      // The one answer that means "not stored": the sender sends it again, and the bytes it was
      // charged go back (the retry is charged in its turn). It still counts for the minute, as
      // any refusal does: that is what holds a retry storm off a failing database.
      this.logger.error(`a submission could not be stored: ${String(error)}`);
      reportServerFault({ error, source: 'request' });
      await giveBack('bytes');
      return Reply.internalError();
    }
    if (!row) {
      // The key stopped being usable since it was looked up (revoked, expired): nothing stored,
      // so its bytes go back; the request still counts for the minute, as any refusal does.
      this.usableUntil.delete(keyHash);
      await giveBack('bytes');
      return this.refused(client);
    }
    this.remember(keyHash, row.key.companyId);
    const caller = this.apiKeys.callerOf(
      { requestId: submission.requestId, ip: submission.ip },
      row.key,
    );
    const stored: StoredSubmission = {
      id: row.id,
      companyId: caller.companyId,
      apiKeyId: caller.apiKeyId,
      idempotencyKey: key ?? null,
      fingerprint: received.fingerprint,
    };
    if (normalized.kind !== 'lead') {
      // A key already claimed by another payload is refused whatever this one holds.
      if (row.held && row.held.fingerprint !== stored.fingerprint) {
        await this.rejectReused(stored).catch(() => undefined); // stored either way
        return Reply.keyReused();
      }
      return normalized.kind === 'no-email' ? Reply.rejected(stored.id) : Reply.invalidPayload();
    }
    return this.settle(caller, stored, normalized.lead, row, {
      waitMs: this.config.INGEST_IDEMPOTENCY_WAIT_MS,
      queueOnFailure: true,
    });
  }

  /** The company of a key that authenticated lately, or null (it is looked up). */
  private recentCompanyOf(keyHash: string): string | null {
    const known = this.usableUntil.get(keyHash);
    return known && known.until > Date.now() ? known.companyId : null;
  }

  private remember(keyHash: string, companyId: string): void {
    if (this.usableUntil.size >= MAX_REMEMBERED_KEYS) this.usableUntil.clear();
    this.usableUntil.set(keyHash, { until: Date.now() + REMEMBER_USABLE_MS, companyId });
  }

  /** 401, counted against the address: guessing keys is slowed down here. */
  private async refused(client: string): Promise<IngestionReply> {
    await this.failedAuthPerIp.consume(client).catch(() => undefined);
    return Reply.unauthorized();
  }

  /**
   * A stored submission processed again (the reprocessor, reprocessRawLead), by the system for its
   * company: read from the journal as it was received. A failure is the caller's to handle.
   */
  async process(raw: RawLeadRecord): Promise<IngestionReply> {
    const caller = systemCaller(raw.companyId, 'ingestion.reprocess');
    const normalized = normalize(receive(raw.body).json);
    if (normalized.kind === 'not-an-object') {
      await this.raws.finish(raw.id, RawLeadStatus.INVALID);
      return Reply.invalidPayload();
    }
    if (normalized.kind === 'no-email') {
      await this.raws.finish(raw.id, RawLeadStatus.REJECTED, { error: 'no usable e-mail' });
      return Reply.rejected(raw.id);
    }
    const stored = {
      id: raw.id,
      companyId: raw.companyId,
      apiKeyId: raw.apiKeyId,
      idempotencyKey: raw.idempotencyKey,
      fingerprint: raw.fingerprint,
    };
    let claim: KeyState = { claimed: true, held: null, routing: undefined };
    const scope = keyScopeOf(stored);
    if (scope) {
      const held = await this.raws.claimOf(scope);
      claim = {
        claimed: held
          ? held.rawId === raw.id
          : await this.raws.claim(scope, raw.fingerprint, raw.id),
        held,
        routing: undefined,
      };
    }
    return this.settle(caller, stored, normalized.lead, claim, {
      waitMs: 0,
      queueOnFailure: false,
    });
  }

  /**
   * The raw row; a body whose JSON PostgreSQL refuses after all (a data error: 22xxx) is stored
   * again without its jsonb — the bytes are what must not be lost.
   */
  private async storeRaw(raw: NewRawLead): Promise<StoredRaw | null> {
    try {
      return await this.raws.store(raw);
    } catch (error) {
      if (raw.payload === null || !sqlState(error)?.startsWith('22')) throw error;
      return this.raws.store({ ...raw, payload: null });
    }
  }

  /**
   * What a stored submission comes to: its lead, or its key's. Whatever fails now leaves it queued
   * for the reprocessor — it is stored, so never lost.
   */
  private async settle(
    caller: AuthContext,
    stored: StoredSubmission,
    lead: SubmittedLead,
    claim: KeyState,
    options: { waitMs: number; queueOnFailure: boolean },
  ): Promise<IngestionReply> {
    try {
      const write = () => this.write(caller, stored, lead, claim.routing);
      const scope = keyScopeOf(stored);
      if (scope && !claim.claimed)
        return await this.settleResend(stored, scope, claim.held, {
          waitMs: options.waitMs,
          write,
        });
      return await write();
    } catch (error) {
      if (!options.queueOnFailure) throw error;
      this.logger.warn(`submission ${stored.id} queued: ${String(error)}`);
      await this.raws
        .queue(stored.id, String(error), RETRY_SECONDS)
        .catch((e: unknown) => this.logger.error(`could not queue ${stored.id}: ${String(e)}`));
      return Reply.queued(stored.id);
    }
  }

  /**
   * A new lead, or — its e-mail already being a live lead's — the lead it merges into: the
   * submission is linked in the lead's own transaction, or not at all.
   */
  private async write(
    caller: AuthContext,
    raw: StoredSubmission,
    lead: SubmittedLead,
    routing: LeadRouting | undefined,
  ): Promise<IngestionReply> {
    try {
      const assignee = await this.routing.assigneeFor(raw.companyId, raw.apiKeyId, routing);
      const created = await this.intake.createSubmitted(caller, lead, assignee, async (row, tx) =>
        this.raws.link(tx, raw, RawLeadStatus.PROCESSED, row.id),
      );
      return Reply.created(created.id);
    } catch (error) {
      const existing = existingLeadOf(error);
      if (!existing) throw error;
      const merged = await this.intake.mergeSubmitted(caller, existing, lead, async (row, tx) =>
        this.raws.link(tx, raw, RawLeadStatus.MERGED, row.id),
      );
      return Reply.merged(merged.id);
    }
  }

  private rejectReused(raw: StoredSubmission): Promise<void> {
    return this.raws.finish(raw.id, RawLeadStatus.REJECTED, { error: 'idempotency_key_reused' });
  }

  /**
   * A request whose key another one claimed: the same payload answers with that one's lead, once
   * it has one — waited for with a pause between looks, holding no connection meanwhile — and
   * another payload is refused. A wait that runs out leaves this one queued. A holder that failed
   * for good (or is gone) hands the key over: this one then writes the lead (`write`), so that one
   * failure does not make the key answer "queued" forever.
   */
  private async settleResend(
    raw: StoredSubmission,
    scope: KeyScope,
    seen: Omit<KeyClaim, 'rawId'> | null,
    options: { waitMs: number; write: () => Promise<IngestionReply> },
  ): Promise<IngestionReply> {
    const { waitMs } = options;
    const deadline = Date.now() + waitMs;
    // The first look is the one the raw row's statement took, when it saw the claim: a claim made
    // while that statement ran is committed by now, but was not in its snapshot.
    let claim = seen ?? (await this.raws.claimOf(scope));
    for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
      if (claim && claim.fingerprint !== raw.fingerprint) {
        await this.rejectReused(raw);
        return Reply.keyReused();
      }
      if (claim?.leadId) {
        await this.raws.finish(raw.id, RawLeadStatus.DUPLICATE, { leadId: claim.leadId });
        return Reply.duplicate(claim.leadId);
      }
      const handedOver = claim
        ? claim.holderFailed && (await this.raws.takeOver(scope, raw))
        : await this.raws.claim(scope, raw.fingerprint, raw.id);
      if (handedOver) return options.write();
      // The reprocessor does not wait: its backoff and attempt limit apply instead.
      if (waitMs === 0)
        throw new Error('the submission holding its Idempotency-Key has no lead yet');
      if (Date.now() + pause > deadline) {
        await this.raws.queue(
          raw.id,
          'the submission holding its Idempotency-Key has no lead yet',
          RETRY_SECONDS,
        );
        return Reply.queued(raw.id);
      }
      await sleep(pause);
      claim = await this.raws.claimOf(scope);
    }
  }
}

/**
 * Where a submission's Idempotency-Key is claimed: per API key (the IETF draft scopes a key to
 * its client). None without a key, or once the API key that sent it is gone (deleted keys take
 * their claims along: nothing can resend under them); the e-mail rule still merges a duplicate.
 */
function keyScopeOf(raw: StoredSubmission): KeyScope | null {
  if (!raw.idempotencyKey || !raw.apiKeyId) return null;
  return { companyId: raw.companyId, apiKeyId: raw.apiKeyId, key: raw.idempotencyKey };
}

/**
 * The body parsed and what storing it takes. In memory, and unable to throw; every stored request
 * needs it anyway, and only a known key's requests get this far.
 */
function rowToStore(submission: Submission): RowToStore {
  const received = receive(submission.body);
  const normalized = normalize(received.json);
  // The jsonb copy only of a JSON object, the one body its fields are read from; anything else
  // (an array, a string, text that is not JSON) is kept once, as its bytes.
  const payload =
    received.storableJson && normalized.kind !== 'not-an-object'
      ? submission.body.toString('utf8')
      : null;
  const userAgent = submission.userAgent?.slice(0, MAX_USER_AGENT_CHARS) ?? null;
  const charge = storedBytes({
    body: submission.body,
    jsonbBytes: payload === null ? 0 : received.jsonbBytes,
    userAgent,
    idempotencyKey: submission.idempotencyKey ?? null,
    requestId: submission.requestId,
  });
  return { received, normalized, payload, userAgent, charge };
}

/** Null when the limiter let the request through, else the seconds until it would. */
function initialStatus(normalized: Normalized): RawLeadStatus {
  if (normalized.kind === 'not-an-object') return RawLeadStatus.INVALID;
  if (normalized.kind === 'no-email') return RawLeadStatus.REJECTED;
  return RawLeadStatus.RECEIVED;
}

/** The live lead that already has the submission's e-mail, when that is why the create failed. */
function existingLeadOf(error: unknown): string | null {
  if (!(error instanceof LeadException) || error.reason !== LeadReason.EMAIL_TAKEN) return null;
  const id = error.extensions.existingLeadId;
  return typeof id === 'string' ? id : null;
}
