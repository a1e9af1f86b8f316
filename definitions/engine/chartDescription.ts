/**
 * A chart's shape as canonical data, for its fingerprint: states (ids, nesting, types, initial
 * states), transitions (event, targets, guard names, actions with their params), delayed
 * transitions by delay name, eventless transitions, entry/exit actions (the effects), invoked
 * actors, the owner/deadline a step declares in `meta`, and the names of the implementations in
 * `setup`. Implementations' code is not part of it (its text differs between compilers); their
 * names are, and what they do is pinned by the chart tests.
 * Built from XState's public API (`machine.root`, `StateNode.transitions/after/always/entry/exit`,
 * `machine.implementations`); the one thing that needs more is isolated in `xstateIntrospection.ts`.
 * No I/O and no Node built-ins: hashing the result is the caller's job (see scripts/lib/chartFingerprints.ts).
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { describeFunction } from './xstateIntrospection';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `meta` keys that are presentation only: changing what staff read does not change a running case. */
const presentationMetaKeys = new Set(['labelZh']);

/** Any value as JSON: functions by what they are (a composite guard, a built-in action) or '<inline>'. */
function toJson(value: unknown): Json {
  if (value === undefined || value === null) return null;
  if (typeof value === 'function') return describeFunction(value, toJson);
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toJson(v)])
    );
  }
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  return typeof value === 'bigint' ? value.toString() : null;
}

interface TransitionLike {
  target?: readonly AnyStateNode[] | undefined;
  guard?: unknown;
  actions: readonly unknown[];
  reenter?: boolean;
}

function describeTransition(t: TransitionLike): Json {
  return {
    target: t.target ? t.target.map((node) => node.id) : null,
    guard: toJson(t.guard),
    actions: t.actions.map(toJson),
    reenter: t.reenter ?? false,
  };
}

function behaviouralMeta(meta: unknown): Json {
  if (typeof meta !== 'object' || meta === null) return null;
  const kept = Object.entries(meta as Record<string, unknown>).filter(([k]) => !presentationMetaKeys.has(k));
  return kept.length === 0 ? null : toJson(Object.fromEntries(kept));
}

function describeStateNode(node: AnyStateNode): Json {
  // Delayed transitions are listed by delay name under `after`; `transitions` holds them again
  // under generated event names, so they are left out there.
  const delayed = new Set<string>(node.after.map((t): string => t.eventType as string));
  const on = [...node.transitions.entries()]
    .filter(([eventType]) => !delayed.has(eventType))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([eventType, list]) => ({ event: eventType, transitions: list.map(describeTransition) }));
  return {
    id: node.id,
    type: node.type,
    initial: node.initial ? node.initial.target.map((t) => t.id) : null,
    history: node.history === false ? null : (node.history ?? null),
    meta: behaviouralMeta(node.meta),
    tags: [...node.tags].sort(),
    entry: node.entry.map(toJson),
    exit: node.exit.map(toJson),
    on,
    after: node.after.map((t) => ({ delay: toJson(t.delay), ...(describeTransition(t) as object) })),
    always: (node.always ?? []).map(describeTransition),
    invoke: node.invoke.map((i) => ({ id: i.id, src: typeof i.src === 'string' ? i.src : toJson(i.src) })),
    // Children in document order: the order decides which parallel region acts first.
    states: Object.values(node.states).map(describeStateNode),
  };
}

/** The chart's canonical description: equal for equal charts, whatever order the config lists events in. */
export function describeChart(machine: AnyStateMachine): Json {
  const names = (record: Record<string, unknown> | undefined) => Object.keys(record ?? {}).sort();
  return {
    id: machine.id,
    implementations: {
      guards: names(machine.implementations.guards),
      actions: names(machine.implementations.actions),
      delays: names(machine.implementations.delays),
      actors: names(machine.implementations.actors),
    },
    root: describeStateNode(machine.root),
  };
}

/** JSON with object keys sorted at every level, so the same description always gives the same text. */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] ?? null)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export type ChartDescription = Json;
