// Input guards shared by the scoring functions. Every guard throws a RangeError whose message says
// what is wrong and where (`where` names the function and the argument, e.g. "meanScore(points)").

/** Throws unless `values` is an array with at least `min` entries. */
export function assertListLength(
  values: unknown,
  where: string,
  min = 1,
): asserts values is readonly unknown[] {
  if (!Array.isArray(values)) {
    throw new RangeError(`${where}: expected a list, got ${describe(values)}`);
  }
  if (values.length < min) {
    throw new RangeError(
      values.length === 0
        ? `${where}: the list is empty, need at least ${min} value${min === 1 ? "" : "s"}`
        : `${where}: need at least ${min} values, got ${values.length}`,
    );
  }
}

/** Throws unless `value` is a finite number (not NaN, not ±Infinity, not a numeric string). */
export function assertFinite(value: unknown, where: string): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RangeError(`${where} must be a finite number, got ${describe(value)}`);
  }
}

/** Throws unless every entry of `values` is a finite number; names the first bad index. */
export function assertFiniteList(
  values: readonly unknown[],
  where: string,
): asserts values is readonly number[] {
  values.forEach((value, index) => {
    assertFinite(value, `${where}[${index}]`);
  });
}

/** Throws unless `value` is an integer ≥ `min`. */
export function assertInteger(value: unknown, where: string, min = 0): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new RangeError(`${where} must be an integer ≥ ${min}, got ${describe(value)}`);
  }
}

/** Throws unless `level` is a confidence level strictly between 0 and 1 (e.g. 0.95). */
export function assertConfidenceLevel(level: unknown, where: string): asserts level is number {
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    throw new RangeError(
      `${where} must be a confidence level between 0 and 1 (e.g. 0.95), got ${describe(level)}`,
    );
  }
}

/** Throws unless `value` is a non-empty string (after trimming). */
export function assertNonEmptyString(value: unknown, where: string): asserts value is string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new RangeError(`${where} must be a non-empty string, got ${describe(value)}`);
  }
}

/** A short, safe description of a bad value for error messages. */
export function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return typeof value;
}
