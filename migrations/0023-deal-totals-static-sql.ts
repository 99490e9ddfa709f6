// deal_totals' triggers (0016) ran one function whose upsert was built per event with EXECUTE:
// PostgreSQL parsed and planned that INSERT … SELECT … GROUP BY … ON CONFLICT on every write of a
// deal — the one statement of updateDeal still planned per request. One function per event, each
// with its statement written out, lets PL/pgSQL keep the plan for the session. The upsert itself
// is unchanged: the keys in their order, so that two statements meeting on the same rows queue,
// never deadlock.
const upsert = (changes: string) => `
  INSERT INTO deal_totals AS t (company_id, assignee, stage, currency, deals, total_value, score_sum)
  SELECT company_id, coalesce(assigned_to_id, '00000000-0000-0000-0000-000000000000'), stage,
    currency, sum(sign), sum(sign * coalesce(value, 0)), sum(sign * lead_score)
  FROM (${changes}) c WHERE deleted_at IS NULL
  GROUP BY 1, 2, 3, 4
  HAVING sum(sign) <> 0 OR sum(sign * coalesce(value, 0)) <> 0 OR sum(sign * lead_score) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (company_id, assignee, stage, currency) DO UPDATE SET
    deals = t.deals + excluded.deals,
    total_value = t.total_value + excluded.total_value,
    score_sum = t.score_sum + excluded.score_sum;`;

const fn = (name: string, changes: string) => `
CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN${upsert(changes)}
  RETURN NULL;
END $$;`;

const triggers = (inserted: string, updated: string, deleted: string) => `
CREATE TRIGGER deals_totals_insert AFTER INSERT ON deals
  REFERENCING NEW TABLE AS new_deals FOR EACH STATEMENT EXECUTE FUNCTION ${inserted}();
CREATE TRIGGER deals_totals_update AFTER UPDATE ON deals
  REFERENCING OLD TABLE AS old_deals NEW TABLE AS new_deals
  FOR EACH STATEMENT EXECUTE FUNCTION ${updated}();
CREATE TRIGGER deals_totals_delete AFTER DELETE ON deals
  REFERENCING OLD TABLE AS old_deals FOR EACH STATEMENT EXECUTE FUNCTION ${deleted}();`;

const dropTriggers = `
DROP TRIGGER deals_totals_delete ON deals;
DROP TRIGGER deals_totals_update ON deals;
DROP TRIGGER deals_totals_insert ON deals;`;

const INSERTED = 'SELECT *, 1 AS sign FROM new_deals';
const DELETED = 'SELECT *, -1 AS sign FROM old_deals';

// The triggers are replaced in the migration's transaction: no write of a deal falls between.
export const up = /* sql */ `
${fn('deal_totals_inserted', INSERTED)}
${fn('deal_totals_updated', `${INSERTED} UNION ALL ${DELETED}`)}
${fn('deal_totals_deleted', DELETED)}
${dropTriggers}
${triggers('deal_totals_inserted', 'deal_totals_updated', 'deal_totals_deleted')}
DROP FUNCTION deal_totals_apply();
`;

// 0016's function, as it was.
export const down = /* sql */ `
CREATE FUNCTION deal_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$${upsert('%s')}
  $q$, CASE TG_OP
    WHEN 'INSERT' THEN '${INSERTED}'
    WHEN 'DELETE' THEN '${DELETED}'
    ELSE '${INSERTED} UNION ALL ${DELETED}'
  END);
  RETURN NULL;
END $$;
${dropTriggers}
${triggers('deal_totals_apply', 'deal_totals_apply', 'deal_totals_apply')}
DROP FUNCTION deal_totals_deleted();
DROP FUNCTION deal_totals_updated();
DROP FUNCTION deal_totals_inserted();
`;
