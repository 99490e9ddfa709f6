// What pipelineStats and myDealsStats read.
//
// deal_totals: the live deals of each company counted and summed per assignee, stage and currency,
// kept by statement triggers on deals in the writing transaction — one upsert per statement,
// however many deals it wrote (a bulk update of 1 000 deals, a foreign key clearing an assignee).
// The statistics without a date range read these few rows instead of aggregating every deal. The
// unassigned are under the nil UUID, so that the key has no NULL in it.
//
// deal_stats_versions: a counter per company that every deal write bumps in its own transaction.
// A cached figure is kept under the version it was computed at, so a read after a committed write
// always misses, with no invalidation message to lose (deals/deal-stats.service.ts).
//
// deals_stats_by_created: a date-ranged statistic scans only its range, from the index alone.
export const up = /* sql */ `
CREATE TABLE deal_totals (
  company_id  uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  assignee    uuid NOT NULL,
  stage       text NOT NULL,
  currency    text NOT NULL,
  deals       integer NOT NULL,
  total_value numeric NOT NULL,
  score_sum   bigint NOT NULL,
  PRIMARY KEY (company_id, assignee, stage, currency)
);

-- The keys in their order, so that two statements meeting on the same rows queue, never deadlock.
-- Dynamic SQL, so that each event's statement names only the transition tables it has.
CREATE FUNCTION deal_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    INSERT INTO deal_totals AS t (company_id, assignee, stage, currency, deals, total_value, score_sum)
    SELECT company_id, coalesce(assigned_to_id, '00000000-0000-0000-0000-000000000000'), stage,
      currency, sum(sign), sum(sign * coalesce(value, 0)), sum(sign * lead_score)
    FROM (%s) c WHERE deleted_at IS NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(sign) <> 0 OR sum(sign * coalesce(value, 0)) <> 0 OR sum(sign * lead_score) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (company_id, assignee, stage, currency) DO UPDATE SET
      deals = t.deals + excluded.deals,
      total_value = t.total_value + excluded.total_value,
      score_sum = t.score_sum + excluded.score_sum
  $q$, CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM new_deals'
    WHEN 'DELETE' THEN 'SELECT *, -1 AS sign FROM old_deals'
    ELSE 'SELECT *, 1 AS sign FROM new_deals UNION ALL SELECT *, -1 AS sign FROM old_deals'
  END);
  RETURN NULL;
END $$;

CREATE TRIGGER deals_totals_insert AFTER INSERT ON deals
  REFERENCING NEW TABLE AS new_deals FOR EACH STATEMENT EXECUTE FUNCTION deal_totals_apply();
CREATE TRIGGER deals_totals_update AFTER UPDATE ON deals
  REFERENCING OLD TABLE AS old_deals NEW TABLE AS new_deals
  FOR EACH STATEMENT EXECUTE FUNCTION deal_totals_apply();
CREATE TRIGGER deals_totals_delete AFTER DELETE ON deals
  REFERENCING OLD TABLE AS old_deals FOR EACH STATEMENT EXECUTE FUNCTION deal_totals_apply();

-- No deal may be written between the count below and the triggers taking over.
LOCK TABLE deals IN SHARE ROW EXCLUSIVE MODE;
INSERT INTO deal_totals (company_id, assignee, stage, currency, deals, total_value, score_sum)
SELECT company_id, coalesce(assigned_to_id, '00000000-0000-0000-0000-000000000000'), stage, currency,
  count(*), coalesce(sum(value), 0), sum(lead_score)
FROM deals WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4;

CREATE TABLE deal_stats_versions (
  company_id uuid PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
  version    bigint NOT NULL DEFAULT 1
);

CREATE INDEX deals_stats_by_created ON deals (company_id, created_at)
  INCLUDE (stage, currency, value, lead_score, assigned_to_id) WHERE deleted_at IS NULL;
`;

export const down = /* sql */ `
DROP INDEX deals_stats_by_created;
DROP TABLE deal_stats_versions;
DROP TRIGGER deals_totals_delete ON deals;
DROP TRIGGER deals_totals_update ON deals;
DROP TRIGGER deals_totals_insert ON deals;
DROP FUNCTION deal_totals_apply();
DROP TABLE deal_totals;
`;
