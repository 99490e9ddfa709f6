import { Field, ObjectType } from '@nestjs/graphql';

/** Where a lead-capture form says the lead came from, as the sender gave it. */
@ObjectType('LeadAttribution')
export class AttributionType {
  @Field(() => String, { nullable: true })
  clickId!: string | null;

  @Field(() => String, { nullable: true })
  creo!: string | null;

  @Field(() => String, { nullable: true })
  domain!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The visitor’s address, as the form saw it.',
  })
  ip!: string | null;

  @Field(() => String, { nullable: true })
  marker!: string | null;

  @Field(() => String, { nullable: true })
  offer!: string | null;

  @Field(() => String, { nullable: true })
  sourceType!: string | null;

  @Field(() => String, { nullable: true })
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
