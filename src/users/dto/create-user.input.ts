import { Field, InputType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { Role } from '../../auth/role.enum.js';
import { EmailField, NameField, PasswordField } from './user-fields.js';

@InputType({ description: 'A new user of your company.' })
export class CreateUserInput {
  @Field({ description: 'Their sign-in email; stored lower-case.' })
  @EmailField()
  email!: string;

  @Field({ description: 'Their first password: 10 to 128 characters.' })
  @PasswordField()
  password!: string;

  @Field({ description: '1 to 100 characters, trimmed.' })
  @NameField()
  firstName!: string;

  @Field({ description: '1 to 100 characters, trimmed.' })
  @NameField()
  lastName!: string;

  @Field(() => Role, { description: 'What they may do.' })
  @IsEnum(Role)
  role!: Role;
}
