// Test helper: freeze an input all the way down, so any attempt by the code under test to mutate it
// throws a TypeError (ES modules run in strict mode).
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}
