/** A comment's columns as plain data. */
export interface CommentRecord {
  id: string;
  companyId: string;
  leadId: string | null;
  dealId: string | null;
  authorId: string | null;
  body: string;
  createdAt: Date;
  updatedAt: Date;
}

/** SELECT list producing a CommentRecord from the comments table under `alias`. */
export const commentRecordColumns = (alias: string): string =>
  `${alias}.id, ${alias}.company_id AS "companyId", ${alias}.lead_id AS "leadId",
  ${alias}.deal_id AS "dealId", ${alias}.author_id AS "authorId", ${alias}.body,
  ${alias}.created_at AS "createdAt", ${alias}.updated_at AS "updatedAt"`;
