import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';
import { Role } from '../../auth/role.enum.js';

@InputType()
export class UpdateUserRoleInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId!: string;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;
}
