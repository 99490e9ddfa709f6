import { Field, ID, InputType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

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

  @Field(() => ID, { nullable: true, description: 'Entries about this record.' })
  @IsOptional()
  @IsUUID()
  entityId?: string;

  @Field(() => ID, { nullable: true, description: 'Entries of this user’s doing.' })
  @IsOptional()
  @IsUUID()
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
