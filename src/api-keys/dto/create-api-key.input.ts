import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsEnum, IsString, Length } from 'class-validator';
import { ApiKeyScope } from '../../auth/api-key-scope.enum.js';

@InputType({ description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for (1 to 100 characters, trimmed).' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 100)
  name!: string;

  @Field(() => [ApiKeyScope], { description: 'What it may be used for: 1 to 10, no repeats.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsEnum(ApiKeyScope, { each: true })
  scopes!: ApiKeyScope[];
}
