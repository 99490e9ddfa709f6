/**
 * A lead as a lead-capture form sent it (ingestion): each value already fitted to its column, none
 * held to the rules of GraphQL input — what the sender sent is kept, names may be empty.
 */
export interface SubmittedLead {
  firstName: string;
  lastName: string;
  /** Lower-cased and trimmed: how submissions of one person meet. */
  email: string;
  phone: string | null;
  country: string | null;
  language: string | null;
  source: string | null;
  attribution: Record<string, string> | null;
}
