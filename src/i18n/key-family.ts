import type { MessageKey } from "./i18n.ts";

/**
 * A family of messages named by a domain value: `role.` + a Role, `mode.` + a response mode. The
 * values come from the domain's own list, so the catalogue test sees every key a view or a route
 * builds by joining a prefix and a value (`{{t (concat "role." role)}}`), and the compiler refuses a
 * value whose message is missing. Declared in each module's `message-families.ts`.
 */
export interface KeyFamily<V extends string = string> {
  prefix: string;
  suffix: string;
  values: readonly V[];
  /** The key of a member's message. */
  key(value: V): MessageKey;
  /** The key of `value`'s message, or undefined for a value outside the family (text from the database). */
  keyOf(value: string): MessageKey | undefined;
  /** Every key of the family. */
  keys(): MessageKey[];
}

/** `never` (a compile error at the call) unless every prefix + value + suffix is a catalogue key. */
type AllKeys<P extends string, V extends string, S extends string> = `${P}${V}${S}` extends MessageKey
  ? readonly V[]
  : { missing: Exclude<`${P}${V}${S}`, MessageKey> };

export function keyFamily<const P extends string, const V extends string, const S extends string = "">(
  prefix: P,
  values: readonly V[] & AllKeys<P, V, S>,
  suffix: S = "" as S,
): KeyFamily<V> {
  const list: readonly V[] = values;
  const keys = new Set<string>(list.map((value) => `${prefix}${value}${suffix}`));
  return {
    prefix,
    suffix,
    values: list,
    key: (value) => `${prefix}${value}${suffix}` as MessageKey,
    keyOf(value) {
      const key = `${prefix}${value}${suffix}`;
      return keys.has(key) ? (key as MessageKey) : undefined;
    },
    keys: () => [...keys] as MessageKey[],
  };
}

/**
 * Every member of a string union that has no list of its own, checked complete by the compiler:
 * `everyOf<Channel>({ web: true, email: true, staff: true })`.
 */
export function everyOf<T extends string>(members: Record<T, true>): T[] {
  return Object.keys(members) as T[];
}
