import type { Sequelize, Transaction } from 'sequelize';
import * as m0001 from './0001-auth-and-audit.js';
import * as m0002 from './0002-leads-and-interactions.js';
import * as m0003 from './0003-lead-search-text.js';
import * as m0004 from './0004-audit-actor-kind.js';
import * as m0005 from './0005-tenant-foreign-keys.js';
import * as m0006 from './0006-validate-tenant-foreign-keys.js';
import * as m0007 from './0007-lead-ingestion.js';
import * as m0008 from './0008-ingestion-foreign-key-indexes.js';
import * as m0009 from './0009-lead-activity-score.js';
import * as m0010 from './0010-lead-activity-score-index.js';
import * as m0011 from './0011-lead-scores-and-summaries.js';
import * as m0012 from './0012-score-recalculations.js';
import * as m0013 from './0013-drop-lead-score-columns.js';
import * as m0014 from './0014-company-currency.js';
import * as m0015 from './0015-deals.js';
import * as m0016 from './0016-deal-stats.js';
import * as m0017 from './0017-tasks.js';
import * as m0018 from './0018-comments.js';
import * as m0019 from './0019-notifications.js';
import * as m0020 from './0020-ingestion-keys-per-api-key.js';
import * as m0021 from './0021-validate-ingestion-tenant-keys.js';
import * as m0022 from './0022-task-soft-delete.js';
import * as m0023 from './0023-deal-totals-static-sql.js';

/** A step is plain SQL, or code for the rare migration that needs it; each runs in one transaction. */
export type MigrationStep =
  string | ((sequelize: Sequelize, transaction: Transaction) => Promise<void>);

export interface Migration {
  name: string;
  up: MigrationStep;
  down: MigrationStep;
}

/** Applied in this order; never reorder or rename a migration that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  { name: '0001-auth-and-audit', ...m0001 },
  { name: '0002-leads-and-interactions', ...m0002 },
  { name: '0003-lead-search-text', ...m0003 },
  { name: '0004-audit-actor-kind', ...m0004 },
  { name: '0005-tenant-foreign-keys', ...m0005 },
  { name: '0006-validate-tenant-foreign-keys', ...m0006 },
  { name: '0007-lead-ingestion', ...m0007 },
  { name: '0008-ingestion-foreign-key-indexes', ...m0008 },
  { name: '0009-lead-activity-score', ...m0009 },
  { name: '0010-lead-activity-score-index', ...m0010 },
  { name: '0011-lead-scores-and-summaries', ...m0011 },
  { name: '0012-score-recalculations', ...m0012 },
  { name: '0013-drop-lead-score-columns', ...m0013 },
  { name: '0014-company-currency', ...m0014 },
  { name: '0015-deals', ...m0015 },
  { name: '0016-deal-stats', ...m0016 },
  { name: '0017-tasks', ...m0017 },
  { name: '0018-comments', ...m0018 },
  { name: '0019-notifications', ...m0019 },
  { name: '0020-ingestion-keys-per-api-key', ...m0020 },
  { name: '0021-validate-ingestion-tenant-keys', ...m0021 },
  { name: '0022-task-soft-delete', ...m0022 },
  { name: '0023-deal-totals-static-sql', ...m0023 },
];
