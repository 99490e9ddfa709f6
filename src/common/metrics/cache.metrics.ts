import { counter } from './metrics.js';

/** Lookups of every cache, by cache (`callers`, `deal-stats`) and outcome: hit, miss, error. */
export const cacheLookups = counter(
  'cache_lookups_total',
  'Cache lookups by cache and outcome (hit, miss; error: Redis failed and it counted as a miss).',
  ['cache', 'outcome'],
);
