import { Args, Query, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { PageArgs } from '../common/graphql/page.args.js';
import { toConnection } from '../common/pagination/page.js';
import { AuditService } from './audit.service.js';
import { AuditLogFilter } from './dto/audit-log-filter.input.js';
import { AuditLogConnection } from './audit-log-connection.type.js';
import { AuditLogType } from './audit-log.type.js';

@Resolver(() => AuditLogType)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditLogConnection, { description: 'ADMIN: who changed what, newest first.' })
  async auditLogs(
    @CurrentAuth() auth: AuthContext,
    @Args() page: PageArgs,
    @Args('filter', {
      type: () => AuditLogFilter,
      nullable: true,
      description: 'Only entries matching every field given.',
    })
    filter?: AuditLogFilter | null,
  ): Promise<AuditLogConnection> {
    const result = await this.audit.page(auth, filter ?? {}, page.first, page.after);
    return toConnection(
      result,
      (log) => AuditLogType.from(log),
      () => this.audit.count(auth, filter ?? {}),
    );
  }
}
