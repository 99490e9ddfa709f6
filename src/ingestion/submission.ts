import { createHash } from 'node:crypto';
import type { SubmittedLead } from '../leads/dto/submitted-lead.js';

/** The body as received: its JSON when it parses, and what it is a fingerprint of. */
export interface ReceivedBody {
  bytes: Buffer;
  /** The parsed JSON, or undefined when the body is not JSON. */
  json: unknown;
  /** Whether PostgreSQL's jsonb can hold the JSON (not too deep, no \u0000, no lone surrogate). */
  storableJson: boolean;
  /** SHA-256 (hex) of the canonical JSON (keys sorted), or of the bytes when it is not JSON. */
  fingerprint: string;
  /** At most what the body's jsonb copy takes, when jsonb can hold it (see jsonbBound); else 0. */
  jsonbBytes: number;
}

/** Deeper JSON is kept as bytes only: canonicalizing it, or jsonb parsing it, would overflow a stack. */
const MAX_JSON_DEPTH = 256;

/**
 * What jsonb adds to the text of the values it holds, at most, per value (PostgreSQL's jsonb.h):
 * every value and key has a 4-byte entry; a container a 4-byte header and up to 3 bytes of
 * alignment; a number is a numeric of its own (4-byte length, up to 4 bytes of header, up to 3 of
 * alignment, and its base-10 000 digits, at most its text's length + 3). The text of strings, keys
 * and numbers is at most the body's length: jsonb keeps strings unescaped.
 */
const JSONB_ENTRY = 4;
const JSONB_CONTAINER = JSONB_ENTRY + 4 + 3;
const JSONB_NUMBER = JSONB_ENTRY + 4 + 4 + 3 + 3;
/** The jsonb datum's own length word. */
const JSONB_HEADER = 4;

/**
 * Keys sorted at every level: two bodies that differ only in key order or spacing are one payload.
 * `size.overhead` adds up what jsonb would add to the body's text (see JSONB_ENTRY), in the same
 * walk: the ingestion budget charges the jsonb copy before it is stored.
 */
function canonical(value: unknown, size: { overhead: number }, depth = 0): string {
  if (depth > MAX_JSON_DEPTH) throw new RangeError('too deep');
  // 1e999999 parses as Infinity, which numeric (jsonb) refuses: the bytes are fingerprinted instead.
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('not finite');
  if (Array.isArray(value)) {
    size.overhead += JSONB_CONTAINER;
    return `[${value.map((v) => canonical(v, size, depth + 1)).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    size.overhead += JSONB_CONTAINER;
    const entries = Object.keys(value)
      .sort()
      .map((key) => {
        size.overhead += JSONB_ENTRY;
        return `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key], size, depth + 1)}`;
      });
    return `{${entries.join(',')}}`;
  }
  size.overhead += typeof value === 'number' ? JSONB_NUMBER : JSONB_ENTRY;
  return JSON.stringify(value);
}

// JSON.stringify writes NUL and lone surrogates as escapes, which jsonb refuses.
const NOT_FOR_JSONB = /\\u0000|\\ud[89a-f][0-9a-f]{2}/i;

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** Never throws: a body that is not JSON, or nests too deep to canonicalize, is kept as bytes. */
export function receive(bytes: Buffer): ReceivedBody {
  const asBytes = {
    bytes,
    json: undefined,
    storableJson: false,
    fingerprint: sha256(bytes),
    jsonbBytes: 0,
  };
  let json: unknown;
  const text = bytes.toString('utf8');
  try {
    json = JSON.parse(text);
  } catch {
    return asBytes;
  }
  try {
    const size = { overhead: JSONB_HEADER };
    const form = canonical(json, size);
    const storableJson = !NOT_FOR_JSONB.test(form);
    return {
      bytes,
      json,
      storableJson,
      fingerprint: sha256(form),
      // The text jsonb is given (bytes that are not UTF-8 become U+FFFD: 3 bytes for 1).
      jsonbBytes: storableJson ? Buffer.byteLength(text) + size.overhead : 0,
    };
  } catch {
    return { ...asBytes, json };
  }
}

/**
 * The body's JSON when jsonb could hold it, else null: what a journal row whose body was not kept
 * as jsonb too (anything but a JSON object) shows as its payload, read from its bytes.
 */
export function storableJsonOf(bytes: Buffer): unknown {
  const received = receive(bytes);
  return received.storableJson ? received.json : null;
}

/** Sender field → where it goes; keys are matched without case, `_` or `-` (click_id, clickId). */
const LEAD_FIELDS = {
  firstname: 'firstName',
  lastname: 'lastName',
  email: 'email',
  phone: 'phone',
  country: 'country',
  lang: 'language',
  language: 'language',
} as const;

const ATTRIBUTION_FIELDS = {
  clickid: 'clickId',
  creo: 'creo',
  domain: 'domain',
  ip: 'ip',
  marker: 'marker',
  offer: 'offer',
  sourcetype: 'sourceType',
  description: 'description',
} as const;

type LeadField = (typeof LEAD_FIELDS)[keyof typeof LEAD_FIELDS];
export type AttributionField = (typeof ATTRIBUTION_FIELDS)[keyof typeof ATTRIBUTION_FIELDS];

/** The longest value each column takes (the database checks the same). */
const MAX_LENGTH: Record<LeadField | AttributionField, number> = {
  firstName: 100,
  lastName: 100,
  email: 254,
  phone: 32,
  country: 64,
  language: 35,
  clickId: 1000,
  creo: 1000,
  domain: 1000,
  ip: 64,
  marker: 1000,
  offer: 1000,
  sourceType: 100,
  description: 10_000,
};

const USABLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What a submission makes of a lead, and which of its fields did not fit. */
export type Normalized =
  | { kind: 'lead'; lead: SubmittedLead; omitted: string[] }
  | { kind: 'not-an-object' }
  | { kind: 'no-email'; omitted: string[] };

const keyOf = (field: string): string => field.toLowerCase().replace(/[_\-\s]/g, '');

/** A scalar as text; an object, an array or an empty value gives nothing. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  // (A NUL, which no text column holds, is refused by the caller as not fitting.)
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return null;
}

/**
 * The sender's fields onto the lead and its attribution, kept as sent: no rule of GraphQL input
 * applies. A value that does not fit its column (too long, not a scalar) is left out and named in
 * `omitted`; the raw row keeps it. Names may be missing (empty); the e-mail may not — it is how
 * submissions of one person meet.
 */
export function normalize(json: unknown): Normalized {
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    return { kind: 'not-an-object' };
  const lead: Partial<Record<LeadField, string>> = {};
  const attribution: Partial<Record<AttributionField, string>> = {};
  const omitted: string[] = [];
  for (const [field, raw] of Object.entries(json as Record<string, unknown>)) {
    const key = keyOf(field);
    const leadField = Object.hasOwn(LEAD_FIELDS, key)
      ? (LEAD_FIELDS as Record<string, LeadField>)[key]
      : undefined;
    const target =
      leadField ??
      (Object.hasOwn(ATTRIBUTION_FIELDS, key)
        ? (ATTRIBUTION_FIELDS as Record<string, AttributionField>)[key]
        : undefined);
    if (!target || raw === null || raw === undefined) continue;
    const value = text(raw);
    if (value === null || value.length > MAX_LENGTH[target] || value.includes('\u0000')) {
      // An empty string is nothing to keep; an object, an array or an overlong value is.
      if (value !== null || typeof raw === 'object') omitted.push(target);
      continue;
    }
    if (leadField) lead[leadField] = value;
    else attribution[target as AttributionField] = value;
  }
  const email = lead.email?.toLowerCase();
  // Lower-casing can lengthen a value (İ): it must still fit.
  if (!email || !USABLE_EMAIL.test(email) || email.length > MAX_LENGTH.email) {
    if (lead.email) omitted.push('email');
    return { kind: 'no-email', omitted: [...new Set(omitted)] };
  }
  return {
    kind: 'lead',
    omitted: [...new Set(omitted)],
    lead: {
      firstName: lead.firstName ?? '',
      lastName: lead.lastName ?? '',
      email,
      phone: lead.phone ?? null,
      country: lead.country ?? null,
      language: lead.language ?? null,
      source: attribution.sourceType ?? null,
      attribution: Object.keys(attribution).length > 0 ? attribution : null,
    },
  };
}
