/**
 * Who may send each event of a case, read from the program's chart: the roles its guards name
 * through `sentBy(role)`, directly, inside `and`/`or`, or behind a named guard such as
 * `reportedByStaff`. The chart stays the authority on which events a state allows; this is the same
 * knowledge collected once per chart version, so the access policy has one place to read it and the
 * charts (and their fingerprints) stay as they are.
 * An event none of whose transitions names a role (a data-check result, a timer) is the engine's
 * own: no caller may send it. No I/O.
 */
import type { AnyStateMachine } from 'xstate';
import type { AnyProgramDefinition } from '../shared/programDefinition';
import type { CallerRole } from '../shared/actors';
import { callerRoleSchema } from '../shared/actors';
import { sentBy } from '../shared/chartKit';
import { describeChart } from '../engine/chartDescription';
import { describeFunction } from '../engine/xstateIntrospection';

/** The guard reference charts write for "sent by this role", by name (`sentBy`). */
const ROLE_GUARD = sentBy('window').type;

type GuardJson = null | string | { type?: unknown; params?: unknown; combinator?: unknown; guards?: unknown };

/** Roles a guard lets through; `null` when it names none (it decides on something else, or on nothing). */
type GuardRoles = ReadonlySet<CallerRole> | null;

function isCallerRole(value: unknown): value is CallerRole {
  return callerRoleSchema.safeParse(value).success;
}

/** A guard as data: composite guards by combinator and operands, references as written. */
function guardJson(value: unknown): GuardJson {
  if (value === undefined || value === null) return null;
  if (typeof value === 'function') return describeFunction(value, guardJson);
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return value;
  return null;
}

function rolesOfGuard(guard: GuardJson, machine: AnyStateMachine, path: string): GuardRoles {
  if (guard === null) return null;
  const named = (name: string): GuardRoles => {
    const implementation: unknown = (machine.implementations.guards as Record<string, unknown> | undefined)?.[name];
    // A named guard written as a plain function reads context or event; it names no role.
    return typeof implementation === 'function' ? rolesOfGuard(guardJson(implementation), machine, path) : null;
  };
  if (typeof guard === 'string') return guard === '<inline>' ? null : named(guard);
  if (typeof guard.combinator === 'string' && Array.isArray(guard.guards)) {
    const operands = (guard.guards as GuardJson[]).map((g) => rolesOfGuard(g, machine, path));
    const naming = operands.filter((o): o is ReadonlySet<CallerRole> => o !== null);
    switch (guard.combinator) {
      case 'and':
        // Every operand must hold: the roles are those every role-naming operand admits.
        return naming.length === 0 ? null : new Set([...naming[0]!].filter((r) => naming.every((o) => o.has(r))));
      case 'or':
        // Any operand may hold: an operand that names no role would let anyone through, which the
        // policy will not read as "everyone": the chart must say who.
        if (naming.length < operands.length) return naming.length === 0 ? null : unsupported(path, 'or');
        return new Set(naming.flatMap((o) => [...o]));
      default:
        // `not(sentBy(…))` would mean "anyone but": the policy cannot list that, so charts must not say it.
        if (naming.length > 0) return unsupported(path, guard.combinator);
        return null;
    }
  }
  if (guard.type === ROLE_GUARD) {
    const role = (guard.params as { role?: unknown } | undefined)?.role;
    if (role === 'system') return new Set();
    if (!isCallerRole(role)) throw new Error(`${path}: sentBy names an unknown role ${String(role)}`);
    return new Set([role]);
  }
  return typeof guard.type === 'string' ? named(guard.type) : null;
}

function unsupported(path: string, combinator: unknown): never {
  throw new Error(
    `${path}: a ${String(combinator)} guard mixes a role with something else; write the roles as sentBy(role) alternatives`
  );
}

interface DescribedNode {
  id: string;
  on: { event: string; transitions: { guard: unknown }[] }[];
  states: DescribedNode[];
}

/** Per event type, the roles that may send it in some state of the chart (empty: the engine's own). */
export function eventRolesOfChart(machine: AnyStateMachine): Record<string, CallerRole[]> {
  const root = (describeChart(machine) as unknown as { root: DescribedNode }).root;
  const roles = new Map<string, Set<CallerRole>>();
  const visit = (node: DescribedNode) => {
    for (const { event, transitions } of node.on) {
      // XState's own events (a finished region, an invoked actor) are not sent by anyone.
      if (event.startsWith('xstate.')) continue;
      const acc = roles.get(event) ?? new Set<CallerRole>();
      roles.set(event, acc);
      for (const t of transitions) {
        rolesOfGuard(guardJson(t.guard), machine, `${node.id} ${event}`)?.forEach((r) => acc.add(r));
      }
    }
    node.states.forEach(visit);
  };
  visit(root);
  const ordered = callerRoleSchema.options;
  return Object.fromEntries(
    [...roles.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([event, set]) => [event, ordered.filter((r) => set.has(r))])
  );
}

const byVersion = new Map<string, Record<string, CallerRole[]>>();

/** The event table of a program's chart version, worked out once per process. */
export function caseEventRoles(definition: AnyProgramDefinition): Record<string, CallerRole[]> {
  let table = byVersion.get(definition.version);
  if (!table) {
    table = eventRolesOfChart(definition.machine);
    byVersion.set(definition.version, table);
  }
  return table;
}
