import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { LeadStatus } from './lead-status.enum.js';
import type { LeadRecord } from './lead.record.js';

/** A lead as the API shows it; relations (interactions, assignedTo) resolve through DataLoaders. */
@ObjectType('Lead', {
  description:
    'A prospective customer of the company. Every role reads the company’s live leads; removed ones only MANAGER/ADMIN.',
})
export class LeadType {
  @Field(() => ID, { description: 'The lead’s id.' })
  id!: string;

  @Field({ description: 'First name.' })
  @MaxChars(100)
  firstName!: string;

  @Field({ description: 'Last name.' })
  @MaxChars(100)
  lastName!: string;

  @Field({ description: 'Unique among the company’s live leads, ignoring case.' })
  @MaxChars(254)
  email!: string;

  @Field(() => String, { nullable: true, description: 'As entered: optional +, 6 to 15 digits.' })
  @MaxChars(32)
  phone!: string | null;

  @Field(() => Float, { nullable: true, description: 'In the company’s currency, 2 decimals.' })
  budget!: number | null;

  @Field(() => String, { nullable: true, description: 'Free text, e.g. a city.' })
  @MaxChars(200)
  location!: string | null;

  @Field(() => LeadStatus, { description: 'Where the lead stands in the funnel.' })
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

  @Field({ description: 'When it was created.' })
  createdAt!: Date;

  @Field({ description: 'When its fields were last changed (a new score is not a change).' })
  updatedAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'Set while the lead is removed; only MANAGER/ADMIN see removed leads.',
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
