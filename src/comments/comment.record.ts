import { column, selectOf, type RowOf } from '../database/record-columns.js';

/** A comment's columns, declared once: the row type and the SELECT list follow from it. */
export const COMMENT_COLUMNS = {
  id: column<string>('id'),
  companyId: column<string>('company_id'),
  leadId: column<string | null>('lead_id'),
  dealId: column<string | null>('deal_id'),
  authorId: column<string | null>('author_id'),
  body: column<string>('body'),
  createdAt: column<Date>('created_at'),
  updatedAt: column<Date>('updated_at'),
};

/** A comment's columns as plain data. */
export type CommentRecord = RowOf<typeof COMMENT_COLUMNS>;

/** SELECT list producing a CommentRecord from the comments table. */
export const COMMENT_RECORD_COLUMNS = selectOf(COMMENT_COLUMNS);
