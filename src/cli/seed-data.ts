import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { InteractionKind } from '../interactions/interaction-kind.enum.js';
import type { CreateLeadInput } from '../leads/dto/create-lead.input.js';
import { LeadStatus } from '../leads/lead-status.enum.js';

export const DEMO = {
  companyName: 'Demo Company',
  email: 'demo.admin@example.com',
  password: 'demo-password-123',
  firstName: 'Demo',
  lastName: 'Admin',
} as const;

export const NOTE_TEMPLATES = [
  'Initial contact call. Lead expressed interest in our services.',
  'Follow-up email sent with product information.',
  'Meeting scheduled to discuss requirements in detail.',
  'Called to check in on their decision process.',
  'Sent pricing proposal via email.',
  'Demo meeting completed. Lead asked several questions.',
  'Follow-up call to address concerns.',
  'Email sent with additional case studies.',
  'Meeting to discuss implementation timeline.',
  'Called to confirm next steps.',
];

/** Reads the demo leads (firstName,lastName,email,phone,budget,location,status). */
export async function readSeedLeads(path: string): Promise<CreateLeadInput[]> {
  const rows = parse<Record<string, string>>(await readFile(path), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  });
  return rows.map((row) => ({
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone || null,
    budget: row.budget ? Number(row.budget) : null,
    location: row.location || null,
    status: (row.status?.toUpperCase() as LeadStatus) || LeadStatus.NEW,
  }));
}

/** 2–5 interactions spread over the last 30 days, oldest first. */
export function demoInteractions(
  random: () => number = Math.random,
): { type: InteractionKind; date: Date; notes: string }[] {
  const kinds = Object.values(InteractionKind);
  const count = 2 + Math.floor(random() * 4);
  return Array.from({ length: count }, () => ({
    type: kinds[Math.floor(random() * kinds.length)],
    date: new Date(Date.now() - Math.floor(random() * 30 * 86_400_000)),
    notes: NOTE_TEMPLATES[Math.floor(random() * NOTE_TEMPLATES.length)],
  })).sort((a, b) => a.date.getTime() - b.date.getTime());
}
