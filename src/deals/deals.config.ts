import { ConfigSlice } from '../config/config-slice.js';
import { IntVariable } from '../config/variable.decorators.js';

/** The deals pipeline's statistics cache. */
export class DealsConfig extends ConfigSlice {
  static override readonly feature = 'deals';

  /**
   * How long pipelineStats and myDealsStats keep a figure. Every deal write makes the cached ones
   * unreachable at once (deal_stats_versions); this only bounds how long unused ones take space.
   */
  @IntVariable(
    'how long a cached `pipelineStats` / `myDealsStats` figure is kept (a deal write makes it unreachable at once anyway)',
    { min: 1 },
  )
  DEAL_STATS_CACHE_TTL_SECONDS = 300;
}
