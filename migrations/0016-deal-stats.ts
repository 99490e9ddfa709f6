// What pipelineStats and myDealsStats read. The version is a counter per company that every deal
// write bumps in its own transaction: a cached figure is kept under the version it was computed
// at, so a read after a committed write always misses, with no invalidation message to lose
// (deals/deal-stats.service.ts). A row per company, made by the first write.
//
// deals_stats covers both statistics for an index-only scan: stage and currency group them,
// created_at bounds them, value and lead_score are summed; assigned_to_id narrows myDealsStats.
export const up = /* sql */ `
CREATE TABLE deal_stats_versions (
  company_id uuid PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
  version    bigint NOT NULL DEFAULT 1
);

CREATE INDEX deals_stats ON deals (company_id, stage, currency)
  INCLUDE (value, lead_score, created_at, assigned_to_id) WHERE deleted_at IS NULL;
`;

export const down = /* sql */ `
DROP INDEX deals_stats;
DROP TABLE deal_stats_versions;
`;
