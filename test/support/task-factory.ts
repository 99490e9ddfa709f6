import type { TestUser } from './factories.js';
import type { TestApp } from './test-app.js';

export const TASK_FIELDS = `id title description dueAt status completedAt createdAt updatedAt
  assignedTo { id } createdBy { id } lead { id } deal { id }`;

/** Creates a task through the API as `user`; returns its fields. */
export async function newTask(
  app: TestApp,
  user: TestUser,
  input: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const res = await app.gql(
    `mutation($i: CreateTaskInput!) { createTask(createTaskInput: $i) { ${TASK_FIELDS} } }`,
    { i: { title: 'Call back', ...input } },
    user.token,
  );
  if (!res.data) throw new Error(`createTask failed: ${JSON.stringify(res.errors)}`);
  return res.data.createTask;
}
