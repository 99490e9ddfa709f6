/**
 * How many items every nested list field lists (`lead.interactions`, `lead.deals`, …): the newest
 * ones. The whole history pages through the matching `…Connection` query.
 */
export const NESTED_LIST_LIMIT = 50;
