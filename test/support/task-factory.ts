import type { AuthContext } from '../../src/auth/auth-context.js';
import type { CreateTaskInput } from '../../src/tasks/dto/create-task.input.js';
import { TasksService } from '../../src/tasks/tasks.service.js';
import { viaApi, type FactoryTarget, type TestUser } from './factories.js';
import type { ServiceHarness } from './service-harness.js';
import type { TestApp } from './test-app.js';

export const TASK_FIELDS = `id title description dueAt status completedAt createdAt updatedAt
  assignedTo { id } createdBy { id } lead { id } deal { id }`;

type TaskRecord = Awaited<ReturnType<TasksService['create']>>;

/**
 * A task made by `user`: through the API (its GraphQL fields) or, in a service spec, through
 * TasksService (its record; the harness must import its module).
 */
export async function newTask(
  app: TestApp,
  user: TestUser,
  input?: Record<string, unknown>,
): Promise<Record<string, any>>;
export async function newTask(
  sut: ServiceHarness,
  caller: AuthContext,
  input?: Partial<CreateTaskInput>,
): Promise<TaskRecord>;
export async function newTask(
  target: FactoryTarget,
  user: TestUser | AuthContext,
  input: Record<string, unknown> = {},
): Promise<Record<string, any> | TaskRecord> {
  if (!viaApi(target))
    return target.get(TasksService).create(user as AuthContext, { title: 'Call back', ...input });
  const res = await target.gql(
    `mutation($i: CreateTaskInput!) { createTask(createTaskInput: $i) { ${TASK_FIELDS} } }`,
    { i: { title: 'Call back', ...input } },
    (user as TestUser).token,
  );
  if (!res.data) throw new Error(`createTask failed: ${JSON.stringify(res.errors)}`);
  return res.data.createTask;
}
