import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { Transaction } from 'sequelize';
import type { AuthContext } from '../auth/auth-context.js';
import { NotFoundException } from '../common/errors/app.exception.js';
import { ActorKind } from '../common/events/actor.js';
import { AccessRepository, type AccessRef } from './access.repository.js';
import { CommentException, CommentReason } from './comment.exception.js';
import { Action, authorize, authorizeRecordChange, can } from './permissions.js';
import { RESOURCE_OF, RecordPermission } from './record-permission.js';

/** Whether the caller may do `permission` to a record as it is (its action already granted). */
type RowRule = (auth: AuthContext, ref: AccessRef) => boolean;
/** The same, throwing the error the caller is answered with. */
type RowRequirement = (auth: AuthContext, ref: AccessRef) => void;

const anyLive: RowRule = () => true;
const ownedOrAny: RowRule = (auth, ref) =>
  can(auth, Action.WriteAnyRecord) ||
  (can(auth, Action.WriteAssignedRecord) &&
    auth.kind === ActorKind.USER &&
    ref.ownerId === auth.userId);
const authoredOrAny: RowRule = (auth, ref) =>
  can(auth, Action.RemoveAnyComment) ||
  (auth.kind === ActorKind.USER && ref.ownerId === auth.userId);

const notAuthor = (): CommentException =>
  new CommentException(CommentReason.NOT_AUTHOR, 'Only its author or an ADMIN removes a comment');

/** Per permission: the row rule, and how a record failing it is refused. */
const RULES: Readonly<Record<RecordPermission, { permits: RowRule; require: RowRequirement }>> = {
  [RecordPermission.ReadLead]: { permits: anyLive, require: () => undefined },
  [RecordPermission.ReadDeal]: { permits: anyLive, require: () => undefined },
  [RecordPermission.ReadTask]: { permits: anyLive, require: () => undefined },
  [RecordPermission.ChangeLead]: { permits: ownedOrAny, require: changeOf },
  [RecordPermission.ChangeDeal]: { permits: ownedOrAny, require: changeOf },
  [RecordPermission.ChangeTask]: { permits: ownedOrAny, require: changeOf },
  [RecordPermission.RemoveComment]: {
    permits: authoredOrAny,
    require: (auth, ref) => {
      if (!authoredOrAny(auth, ref)) throw notAuthor();
    },
  },
};

function changeOf(auth: AuthContext, ref: AccessRef): void {
  authorizeRecordChange(auth, ref.ownerId);
}

/**
 * The one answer to "may this caller do this to these records?" (after Immich's checkAccess): N
 * ids cost one statement; another company's record, or a removed one, is simply absent. Every
 * record permission needs ReadRecords first — the action services and resolvers check by name.
 */
@Injectable()
export class AccessService {
  /** Per caller (one per request) and permission: the ids asked for in one tick, one statement. */
  private readonly batches = new WeakMap<
    AuthContext,
    Map<RecordPermission, DataLoader<string, boolean>>
  >();

  constructor(private readonly access: AccessRepository) {}

  /** The ids among `ids` the caller is permitted; locked until `transaction` ends, if given. */
  async check(
    auth: AuthContext,
    permission: RecordPermission,
    ids: readonly string[],
    options: { transaction?: Transaction } = {},
  ): Promise<Set<string>> {
    if (!can(auth, Action.ReadRecords) || ids.length === 0) return new Set();
    const rows = await this.live(auth, permission, ids, options.transaction);
    const { permits } = RULES[permission];
    return new Set(rows.filter((row) => permits(auth, row)).map((row) => row.id));
  }

  /**
   * The records, in the order of `ids`, when the caller is permitted every one; else the error of
   * the first refused: FORBIDDEN when the caller may not read records, NOT_FOUND for a missing
   * (other company's, removed) record, and the permission's own refusal (NOT_ASSIGNED, …).
   * Inside a transaction they stay locked until it ends, so they cannot be removed or reassigned
   * under the work that depends on them.
   */
  async require(
    auth: AuthContext,
    permission: RecordPermission,
    ids: readonly string[],
    transaction?: Transaction,
  ): Promise<AccessRef[]> {
    authorize(auth, Action.ReadRecords);
    if (ids.length === 0) return [];
    const found = new Map(
      (await this.live(auth, permission, ids, transaction)).map((row) => [row.id, row]),
    );
    const { require } = RULES[permission];
    return ids.map((id) => {
      const row = found.get(id);
      if (!row) throw new NotFoundException(RESOURCE_OF[permission], id);
      require(auth, row);
      return row;
    });
  }

  /** One record: `require` for a single id. */
  async requireOne(
    auth: AuthContext,
    permission: RecordPermission,
    id: string,
    transaction?: Transaction,
  ): Promise<AccessRef> {
    const [row] = await this.require(auth, permission, [id], transaction);
    return row;
  }

  /**
   * Whether the caller is permitted this record: for fields resolved once per parent, the asks of
   * one tick are gathered into one `check` (one statement for a page of parents).
   */
  permits(auth: AuthContext, permission: RecordPermission, id: string): Promise<boolean> {
    let byPermission = this.batches.get(auth);
    if (!byPermission) {
      byPermission = new Map<RecordPermission, DataLoader<string, boolean>>();
      this.batches.set(auth, byPermission);
    }
    let loader = byPermission.get(permission);
    if (!loader) {
      // No cache: a later ask sees the record as it is then.
      loader = new DataLoader<string, boolean>(
        async (ids) => {
          const permitted = await this.check(auth, permission, ids);
          return ids.map((id) => permitted.has(id));
        },
        { cache: false },
      );
      byPermission.set(permission, loader);
    }
    return loader.load(id);
  }

  private live(
    auth: AuthContext,
    permission: RecordPermission,
    ids: readonly string[],
    transaction?: Transaction,
  ): Promise<AccessRef[]> {
    return this.access.live(
      RESOURCE_OF[permission],
      auth.companyId,
      [...new Set(ids)],
      transaction,
    );
  }
}
