/**
 * The one place that reads XState beyond its typed API: what a function found in a chart's config
 * stands for. XState v5's `and([...])`, `or([...])` and `not(...)` return functions named after
 * the combinator that carry their operands in a `guards` property, and built-in actions
 * (`assign`, `raise`, …) carry their kind in `type`. Neither is in the typed API, so
 * test/definitions/chartFingerprint.test.ts pins both on the installed xstate version.
 * No I/O: pure.
 */

type Describe<T> = (value: unknown) => T;

interface CompositeGuard {
  name: string;
  guards: unknown[];
}

function isCompositeGuard(fn: object): fn is CompositeGuard {
  return Array.isArray((fn as { guards?: unknown }).guards);
}

/** A composite guard by combinator and operands, a built-in action by kind, anything else as '<inline>'. */
export function describeFunction<T>(fn: object, describe: Describe<T>): { combinator: string; guards: T[] } | string {
  if (isCompositeGuard(fn)) return { combinator: fn.name, guards: fn.guards.map(describe) };
  const type = (fn as { type?: unknown }).type;
  return typeof type === 'string' ? type : '<inline>';
}
