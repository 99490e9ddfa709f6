import { Field, InputType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { Role } from '../../auth/role.enum.js';
import { EmailField, NameField, PasswordField } from './user-fields.js';

@InputType()
export class CreateUserInput {
  @Field()
  @EmailField()
  email!: string;

  @Field()
  @PasswordField()
  password!: string;

  @Field()
  @NameField()
  firstName!: string;

  @Field()
  @NameField()
  lastName!: string;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;
}
