import { Field, InputType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { EmailField, NameField, PasswordField, trim } from '../../users/dto/user-fields.js';

@InputType()
export class SignUpInput {
  @Field()
  @trim
  @IsString()
  @Length(1, 200)
  companyName!: string;

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
}
