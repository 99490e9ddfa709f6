import { ConfigSlice } from '../config/config-slice.js';
import { IntVariable } from '../config/variable.decorators.js';

/** Tasks: the pass that announces those whose due time has come. */
export class TasksConfig extends ConfigSlice {
  static override readonly feature = 'tasks';

  /**
   * How often each instance looks for tasks whose due time has passed (task_due notifications);
   * 0 turns the pass off on this instance.
   */
  @IntVariable(
    'how often each instance looks for OPEN tasks whose due time has passed (`task.due`); `0` turns it off',
    { min: 0 },
  )
  TASK_DUE_CHECK_SECONDS = 30;
}
