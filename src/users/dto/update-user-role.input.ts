import { Field, InputType } from '@nestjs/graphql';
import { IdField } from '../../common/graphql/id-field.decorators.js';
import { IsEnum } from 'class-validator';
import { Role } from '../../auth/role.enum.js';

@InputType({ description: 'A user of your company and their new role.' })
export class UpdateUserRoleInput {
  @IdField('A user of your company.')
  userId!: string;

  @Field(() => Role, { description: 'The new role.' })
  @IsEnum(Role)
  role!: Role;
}
