import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('RecalculateScoresResult', { description: 'What recalculateAllScores did.' })
export class RecalculateScoresResultType {
  @Field(() => Int, { description: 'Leads whose score was written.' })
  count!: number;
}
