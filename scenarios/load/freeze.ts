/**
 * Freeze stage: freezes an object graph all the way down, so a loaded ServiceModel cannot be
 * changed by the simulator or anyone holding it. Cost: one visit per object.
 * @example deepFreeze({ a: { b: 1 } }).a.b = 2 // TypeError in strict mode
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
