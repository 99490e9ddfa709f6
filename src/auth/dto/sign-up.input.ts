import { Field, InputType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { EmailField, NameField, PasswordField, trim } from '../../users/dto/user-fields.js';

@InputType({ description: 'A new company and its first user, who becomes its ADMIN.' })
export class SignUpInput {
  @Field({ description: '1 to 200 characters, trimmed.' })
  @trim
  @IsString()
  @Length(1, 200)
  companyName!: string;

  @Field({ description: 'The ADMIN’s sign-in email; stored lower-case.' })
  @EmailField()
  email!: string;

  @Field({ description: '10 to 128 characters.' })
  @PasswordField()
  password!: string;

  @Field({ description: '1 to 100 characters, trimmed.' })
  @NameField()
  firstName!: string;

  @Field({ description: '1 to 100 characters, trimmed.' })
  @NameField()
  lastName!: string;
}
