import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { PageArgs } from '../../common/graphql/page.args.js';
import { AuditLogFilter } from './audit-log-filter.input.js';

@ArgsType()
export class AuditLogsArgs extends PageArgs {
  @Field(() => AuditLogFilter, {
    nullable: true,
    description: 'Only entries matching every field given.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditLogFilter)
  filter?: AuditLogFilter | null;
}
