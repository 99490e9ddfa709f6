/**
 * Applies method decorators (what an operation requires, its cost) to a method of a class made at
 * run time, where they cannot be written above the method: the generated record resolvers and
 * controllers take them from their spec.
 */
export function decorateMethod(
  prototype: object,
  key: string,
  decorators: readonly MethodDecorator[],
): void {
  const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
  if (!descriptor) throw new Error(`No method ${key} to decorate`);
  for (const decorator of decorators) decorator(prototype, key, descriptor);
}
