import { definedOnly } from '../common/events/diff.js';
import type { CreateLeadInput } from './dto/create-lead.input.js';
import type { UpdateLeadInput } from './dto/update-lead.input.js';
import type { LeadFields } from './leads.events.js';
import type { LeadRecord } from './lead.record.js';

type Writable = Pick<
  LeadRecord,
  'firstName' | 'lastName' | 'email' | 'phone' | 'budget' | 'location' | 'status' | 'source'
>;

/** Input fields as column values: budgets become exact 2-decimal strings; absent stays absent. */
export function leadValues(input: Partial<CreateLeadInput | UpdateLeadInput>): Partial<Writable> {
  const values: Partial<Writable> = {
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    phone: input.phone,
    budget:
      input.budget === undefined
        ? undefined
        : input.budget === null
          ? null
          : input.budget.toFixed(2),
    location: input.location,
    status: input.status ?? undefined,
    source: input.source,
  };
  return definedOnly(values);
}

/** The tracked fields of a lead, in the shape of its change events. */
export function leadFields(lead: LeadRecord): Partial<LeadFields> {
  return {
    firstName: lead.firstName,
    lastName: lead.lastName,
    email: lead.email,
    phone: lead.phone,
    budget: lead.budget,
    location: lead.location,
    status: lead.status,
    source: lead.source,
    country: lead.country ?? null,
    language: lead.language ?? null,
    assignedToId: lead.assignedToId,
  };
}

/** The fields a later submission of the same person may fill where the lead has nothing. */
export const FILLABLE_FIELDS = [
  'firstName',
  'lastName',
  'phone',
  'location',
  'source',
  'country',
  'language',
] as const;
export type FillableField = (typeof FILLABLE_FIELDS)[number];

/** Those of `values` whose field the lead has empty (null or blank); the rest are ignored. */
export function emptyFieldsFilled(
  lead: Partial<Pick<LeadRecord, FillableField>>,
  values: Partial<Record<FillableField, string | null>>,
): Partial<Record<FillableField, string>> {
  const filled: Partial<Record<FillableField, string>> = {};
  for (const field of FILLABLE_FIELDS) {
    const value = values[field];
    const current = lead[field];
    if (
      typeof value === 'string' &&
      value &&
      (typeof current !== 'string' || current.trim() === '')
    )
      filled[field] = value;
  }
  return filled;
}
