import { Field, InputType } from '@nestjs/graphql';
import { IdField } from '../../common/graphql/id-field.decorators.js';
import { IsEnum } from 'class-validator';
import { Role } from '../../auth/role.enum.js';

@InputType()
export class UpdateUserRoleInput {
  @IdField()
  userId!: string;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;
}
