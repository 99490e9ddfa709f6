import { Field, InputType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsString, MaxLength } from 'class-validator';
import { OptionalIdField } from '../../common/graphql/id-field.decorators.js';

@InputType({ description: 'Narrows the audit trail; every field given must match.' })
export class AuditLogFilter {
  @Field({ nullable: true, description: 'Exactly this action, e.g. lead.updated.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @Field({ nullable: true, description: 'Exactly this kind of record, e.g. Lead.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityType?: string;

  @OptionalIdField('Entries about this record.')
  entityId?: string;

  @OptionalIdField('Entries of this user’s doing.')
  actorUserId?: string;

  @Field({ nullable: true, description: 'Entries at or after this instant.' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field({ nullable: true, description: 'Entries before this instant.' })
  @IsOptional()
  @IsDate()
  to?: Date;
}
