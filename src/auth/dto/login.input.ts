import { Field, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { normalizeEmail } from '../../users/dto/user-fields.js';

@InputType({ description: 'Credentials for login.' })
export class LoginInput {
  // Not format-checked: a malformed email simply fails to log in, like a wrong one.
  @Field({ description: 'Any case; surrounding spaces are ignored.' })
  @normalizeEmail
  @IsString()
  @MaxLength(254)
  email!: string;

  @Field({ description: 'Up to 128 characters.' })
  @IsString()
  @MaxLength(128)
  password!: string;
}
