import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { Field, ObjectType } from '@nestjs/graphql';

/** Where a lead-capture form says the lead came from, as the sender gave it. */
@ObjectType('LeadAttribution', {
  description:
    'Where a lead-capture form says the lead came from, as it sent it (POST /api/lead); every field is the sender’s text, unchecked.',
})
export class AttributionType {
  @Field(() => String, { nullable: true, description: 'The ad click id (click_id).' })
  @MaxChars(1000)
  clickId!: string | null;

  @Field(() => String, { nullable: true, description: 'The ad creative.' })
  @MaxChars(1000)
  creo!: string | null;

  @Field(() => String, { nullable: true, description: 'The site the form is on.' })
  @MaxChars(1000)
  domain!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The visitor’s address, as the form saw it.',
  })
  @MaxChars(64)
  ip!: string | null;

  @Field(() => String, { nullable: true, description: 'The sender’s tracking marker.' })
  @MaxChars(1000)
  marker!: string | null;

  @Field(() => String, { nullable: true, description: 'The offer the form advertised.' })
  @MaxChars(1000)
  offer!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The traffic source, e.g. facebook; also the lead’s source.',
  })
  @MaxChars(100)
  sourceType!: string | null;

  @Field(() => String, { nullable: true, description: 'Free text about the lead’s origin.' })
  @MaxChars(10_000)
  description!: string | null;

  static from(attribution: Record<string, unknown>): AttributionType {
    const text = (key: string): string | null =>
      typeof attribution[key] === 'string' ? attribution[key] : null;
    return Object.assign(new AttributionType(), {
      clickId: text('clickId'),
      creo: text('creo'),
      domain: text('domain'),
      ip: text('ip'),
      marker: text('marker'),
      offer: text('offer'),
      sourceType: text('sourceType'),
      description: text('description'),
    });
  }
}
