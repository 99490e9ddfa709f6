import { Field, ID, ObjectType } from '@nestjs/graphql';
import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import type { CommentRecord } from './comment.record.js';

@ObjectType('Comment', {
  description: 'A note a user left on a lead or a deal; whoever can read the record reads it.',
})
export class CommentType {
  @Field(() => ID, { description: 'The comment’s id.' })
  id!: string;

  @Field({ description: 'Plain text, as written: clients show it as text, never as markup.' })
  @MaxChars(5000)
  body!: string;

  @Field({ description: 'When it was written.' })
  createdAt!: Date;

  @Field({ description: 'When it was last changed.' })
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
