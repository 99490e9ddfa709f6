import { Field, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { normalizeEmail } from '../../users/dto/user-fields.js';

@InputType()
export class LoginInput {
  // Not format-checked: a malformed email simply fails to log in, like a wrong one.
  @Field()
  @normalizeEmail
  @IsString()
  @MaxLength(254)
  email!: string;

  @Field()
  @IsString()
  @MaxLength(128)
  password!: string;
}
