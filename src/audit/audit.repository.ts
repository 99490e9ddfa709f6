import { Injectable } from '@nestjs/common';
import { Op, Transaction, WhereOptions } from 'sequelize';
import type { AuditLogFilter } from './dto/audit-log-filter.input.js';
import { AuditLog } from './models/audit-log.model.js';

export type NewAuditLog = Pick<
  AuditLog,
  | 'companyId'
  | 'actorUserId'
  | 'actorApiKeyId'
  | 'action'
  | 'entityType'
  | 'entityId'
  | 'changes'
  | 'requestId'
  | 'ip'
>;

@Injectable()
export class AuditRepository {
  async insert(entry: NewAuditLog, transaction?: Transaction): Promise<void> {
    await AuditLog.create({ ...entry }, { transaction });
  }

  private where(companyId: string, filter: AuditLogFilter): WhereOptions<AuditLog> {
    const createdAt: Record<symbol, Date> = {};
    if (filter.from) createdAt[Op.gte] = filter.from;
    if (filter.to) createdAt[Op.lt] = filter.to;
    return {
      companyId,
      ...(filter.action && { action: filter.action }),
      ...(filter.entityType && { entityType: filter.entityType }),
      ...(filter.entityId && { entityId: filter.entityId }),
      ...(filter.actorUserId && { actorUserId: filter.actorUserId }),
      ...((filter.from || filter.to) && { createdAt }),
    };
  }

  /** Newest first, keyset on (createdAt, id) descending. */
  page(
    companyId: string,
    filter: AuditLogFilter,
    limit: number,
    after?: { createdAt: string; id: string },
  ): Promise<AuditLog[]> {
    const base = this.where(companyId, filter);
    const where: WhereOptions<AuditLog> = after
      ? {
          [Op.and]: [
            base,
            {
              [Op.or]: [
                { createdAt: { [Op.lt]: after.createdAt } },
                { createdAt: after.createdAt, id: { [Op.lt]: after.id } },
              ],
            },
          ],
        }
      : base;
    return AuditLog.findAll({
      where,
      order: [
        ['createdAt', 'DESC'],
        ['id', 'DESC'],
      ],
      limit,
    });
  }

  count(companyId: string, filter: AuditLogFilter): Promise<number> {
    return AuditLog.count({ where: this.where(companyId, filter) });
  }
}
