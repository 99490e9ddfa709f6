/**
 * For the SQL of features built on leads: their rows are seen only while their lead is live (not
 * removed). The rule is the leads module's; this is the one place others read it from.
 *
 * `JOIN leads l ON l.id = i.lead_id AND l.deleted_at IS NULL` for joinLiveLead('l', 'i.lead_id').
 */
export function joinLiveLead(alias: string, leadIdColumn: string): string {
  return `JOIN leads ${alias} ON ${alias}.id = ${leadIdColumn} AND ${alias}.deleted_at IS NULL`;
}
