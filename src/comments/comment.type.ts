import { Field, ID, ObjectType } from '@nestjs/graphql';
import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import type { CommentRecord } from './comment.record.js';

@ObjectType('Comment')
export class CommentType {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Plain text, as written: clients show it as text, never as markup.' })
  @MaxChars(5000)
  body!: string;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  /** Not fields: `author`, `lead` and `deal` resolve from them. */
  authorId!: string | null;
  leadId!: string | null;
  dealId!: string | null;

  static from(comment: CommentRecord): CommentType {
    const { companyId: _, ...fields } = comment;
    return Object.assign(new CommentType(), fields);
  }
}
