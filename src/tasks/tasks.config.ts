import { Transform } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import { ConfigSlice, Variable } from '../config/config-slice.js';
import { toInt } from '../config/string-transforms.js';

/** Tasks: the pass that announces those whose due time has come. */
export class TasksConfig extends ConfigSlice {
  static override readonly feature = 'tasks';

  /**
   * How often each instance looks for tasks whose due time has passed (task_due notifications);
   * 0 turns the pass off on this instance.
   */
  @Variable(
    'how often each instance looks for OPEN tasks whose due time has passed (`task.due`); `0` turns it off',
  )
  @Transform(toInt)
  @IsInt()
  @Min(0)
  TASK_DUE_CHECK_SECONDS = 30;
}
