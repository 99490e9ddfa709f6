import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { LeadStatus } from './lead-status.enum.js';
import type { LeadRecord } from './lead.record.js';

/** A lead as the API shows it; relations (interactions, assignedTo) resolve through DataLoaders. */
@ObjectType('Lead')
export class LeadType {
  @Field(() => ID)
  id!: string;

  @Field()
  @MaxChars(100)
  firstName!: string;

  @Field()
  @MaxChars(100)
  lastName!: string;

  @Field()
  @MaxChars(254)
  email!: string;

  @Field(() => String, { nullable: true })
  @MaxChars(32)
  phone!: string | null;

  @Field(() => Float, { nullable: true, description: 'In the company’s currency, 2 decimals.' })
  budget!: number | null;

  @Field(() => String, { nullable: true })
  @MaxChars(200)
  location!: string | null;

  @Field(() => LeadStatus)
  status!: LeadStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Where the lead came from (web form, import, …).',
  })
  @MaxChars(100)
  source!: string | null;

  @Field(() => String, { nullable: true, description: 'As the lead-capture form sent it.' })
  @MaxChars(64)
  country!: string | null;

  @Field(() => String, { nullable: true, description: 'As the lead-capture form sent it.' })
  @MaxChars(35)
  language!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'Set when the lead was removed; only managers see removed leads.',
  })
  deletedAt!: Date | null;

  /** Not a field: resolves `assignedTo`. */
  assignedToId!: string | null;

  /** Not a field here: ingestion resolves `attribution` from it. */
  attributionData!: Record<string, unknown> | null;

  static from(lead: LeadRecord): LeadType {
    return Object.assign(new LeadType(), {
      id: lead.id,
      firstName: lead.firstName,
      lastName: lead.lastName,
      email: lead.email,
      phone: lead.phone,
      budget: lead.budget === null || lead.budget === undefined ? null : Number(lead.budget),
      location: lead.location,
      status: lead.status,
      source: lead.source,
      country: lead.country ?? null,
      language: lead.language ?? null,
      createdAt: lead.createdAt,
      updatedAt: lead.updatedAt,
      deletedAt: lead.deletedAt ?? null,
      assignedToId: lead.assignedToId,
      attributionData: lead.attribution ?? null,
    });
  }
}
