/**
 * What a caller may do to particular records (AccessService checks these by id, in one statement
 * per call). A record of another company, or a removed one, is never permitted: it reads as missing.
 */
export enum RecordPermission {
  /** A live lead of the caller's company, for a caller who reads records. */
  ReadLead = 'lead.read',
  /** The same, and theirs to change: any for MANAGER/ADMIN/system, a SALES_REP's own. */
  ChangeLead = 'lead.change',
  ReadDeal = 'deal.read',
  ChangeDeal = 'deal.change',
  ReadTask = 'task.read',
  ChangeTask = 'task.change',
  /** A live comment (on a live lead or deal) written by the caller, or any for an ADMIN. */
  RemoveComment = 'comment.remove',
}

/** The table a permission's records live in, and the name a missing one is reported under. */
export type Resource = 'Lead' | 'Deal' | 'Task' | 'Comment';

export const RESOURCE_OF: Readonly<Record<RecordPermission, Resource>> = {
  [RecordPermission.ReadLead]: 'Lead',
  [RecordPermission.ChangeLead]: 'Lead',
  [RecordPermission.ReadDeal]: 'Deal',
  [RecordPermission.ChangeDeal]: 'Deal',
  [RecordPermission.ReadTask]: 'Task',
  [RecordPermission.ChangeTask]: 'Task',
  [RecordPermission.RemoveComment]: 'Comment',
};
