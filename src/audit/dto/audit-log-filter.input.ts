import { Field, ID, InputType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

@InputType()
export class AuditLogFilter {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityType?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  entityId?: string;

  @Field(() => ID, { nullable: true })
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
