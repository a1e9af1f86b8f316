/**
 * Values for the fuzz test: bad ones (control characters, lone surrogates, huge strings, deep
 * nesting, wrong types, boundary numbers, bad dates) and valid-looking ones built from a JSON
 * Schema (the OpenAPI document's, generated from the zod schemas), mutated in up to three places.
 */
import fc from 'fast-check';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  minLength?: number;
};

/** What valid-looking strings are drawn from: values that fit the schemas' patterns, and by field name. */
export interface SampleWorld {
  patterned: string[];
  byName: Record<string, string>;
}

// ---- bad values ----

const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u0085', '\u009f', '\ud800', '\udfff'];
const LINE_BREAKS = ['\t', '\n', '\r'];
/** Spelled out by code point on purpose: an independent statement of what api/http/requestGuard.ts refuses. */
const POISON =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Deepest nesting a well-formed request may have (see api/http/requestGuard.ts). */
const DEPTH_LIMIT = 32;
const HUGE = 'x'.repeat(5000);

export const poisoned = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...CONTROLS), fc.string({ maxLength: 8 }))
  .map(([a, c, b]) => `${a}${c}${b}`);
/**
 * Nesting deeper than any form, up to the 5,000 levels that used to break the payload converter.
 * Held as a marker string and spelled out by `toJson`: JSON.stringify itself overflows the stack there.
 */
const DEEP = /"\ue000deep:(\d+)\ue000"/g;
export const nested = fc.integer({ min: 33, max: 5000 }).map((depth) => `\ue000deep:${depth}\ue000`);

/** The value as JSON text, deep markers spelled out as nested arrays and objects. */
export function toJson(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(DEEP, (_m, depth: string) => {
    const n = Number(depth);
    return '[{"a":'.repeat(Math.ceil(n / 2)) + '1' + '}]'.repeat(Math.ceil(n / 2));
  });
}
const badString = fc.oneof(
  poisoned,
  fc.constantFrom(...LINE_BREAKS).map((c) => `一行${c}两行`),
  fc.constantFrom('', ' ', HUGE, '0000-01-01', '9999-12-31', '2026-02-30', '0000-01-01T00:00:00Z', 'null', '-1'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 })
);
/** Numbers at the edges: PostgreSQL integer and bigint, JavaScript's safe integers, doubles. */
export const badNumber = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      0,
      -1,
      -0,
      1.5,
      1e-7,
      2 ** 31,
      2 ** 31 - 1,
      2 ** 63,
      2 ** 53 + 2,
      -(2 ** 53),
      1e308,
      -1e308
    ),
  },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.integer() }
);
const wrongType = fc
  .constantFrom<unknown>(null, true, false, [], {}, 'x', 1, [1, 'a'], { a: null })
  .map((v) => structuredClone(v));
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: badString },
  { weight: 3, arbitrary: badNumber },
  { weight: 2, arbitrary: wrongType },
  { weight: 1, arbitrary: nested },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }
);

/** Whether a value must be refused wherever it is put: a forbidden character or nesting no form has. */
export function isPoisoned(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return POISON.test(value) || new RegExp(DEEP.source).test(JSON.stringify(value));
  if (typeof value !== 'object' || value === null) return false;
  if (depth >= DEPTH_LIMIT) return true;
  return Object.entries(value).some(([key, child]) => POISON.test(key) || isPoisoned(child, depth + 1));
}

// ---- valid-looking values from a schema ----

function stringFor(schema: JsonSchema, name: string, world: SampleWorld): string {
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    return world.patterned.find((s) => pattern.test(s)) ?? 'x';
  }
  if (schema.format === 'date-time') return '2026-12-01T00:00:00Z';
  if (world.byName[name] !== undefined) return world.byName[name];
  if (/(On|Date|From|To)$/.test(name)) return '2026-12-01';
  return '测试内容'.padEnd(Math.max(schema.minLength ?? 1, 4), '容');
}

export function sampleOf(schema: JsonSchema, world: SampleWorld, name = ''): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (alternatives) {
    const usable = alternatives.filter((s) => s.type !== 'null');
    return fc.oneof(...(usable.length ? usable : alternatives).map((s) => sampleOf(s, world, name)));
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, sampleOf(s, world, k)]));
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
    }
    case 'array': {
      const min = schema.minItems ?? 0;
      return fc.array(sampleOf(schema.items ?? {}, world, name), { minLength: min, maxLength: Math.max(min, 2) });
    }
    case 'string':
      return fc.constant(stringFor(schema, name, world));
    case 'integer': {
      const min = Math.max(schema.minimum ?? 0, 0);
      return fc.integer({ min, max: Math.max(min, Math.min(schema.maximum ?? min + 5, min + 5)) });
    }
    case 'number':
      return fc.constantFrom(Math.max(schema.minimum ?? 1, 1), 100, 900.5);
    case 'boolean':
      return fc.boolean();
    default:
      return fc.constant({});
  }
}

/** Every place in a value a mutation can land: [] is the value itself. */
function placesIn(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(at);
  if (typeof value === 'object' && value !== null && out.length < 400) {
    for (const [key, child] of Object.entries(value))
      placesIn(child, [...at, Array.isArray(value) ? Number(key) : key], out);
  }
  return out;
}

type Mutation = { kind: 'replace' | 'remove' | 'addKey'; place: number; value: unknown; key: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('replace', 'replace', 'remove', 'addKey'),
  place: fc.nat(),
  value: badValue,
  key: fc.oneof(poisoned, fc.string({ maxLength: 6 })),
});

/** Sets an own property, even one named `__proto__` (plain assignment would change the prototype). */
function setOwn(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function mutate(base: unknown, mutations: Mutation[]): unknown {
  let value = structuredClone(base);
  for (const m of mutations) {
    const places = placesIn(value);
    const path = places[m.place % places.length]!;
    if (path.length === 0) {
      value = m.kind === 'replace' ? structuredClone(m.value) : value;
      continue;
    }
    const parent: unknown = path
      .slice(0, -1)
      .reduce<unknown>(
        (v, k) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined),
        value
      );
    if (typeof parent !== 'object' || parent === null) continue;
    const last = path[path.length - 1]!;
    const target = (parent as Record<string | number, unknown>)[last];
    if (m.kind === 'replace') setOwn(parent, last, structuredClone(m.value));
    else if (m.kind === 'remove') delete (parent as Record<string | number, unknown>)[last];
    else if (typeof target === 'object' && target !== null) setOwn(target, m.key, structuredClone(m.value));
  }
  return value;
}

/** A JSON body for the route: its schema's sample with up to three mutations, or random JSON. */
export function bodyFor(
  route: { body?: JsonSchema; events?: Record<string, JsonSchema> },
  world: SampleWorld
): fc.Arbitrary<unknown> {
  const events = route.events;
  const typed = events
    ? fc
        .constantFrom(...Object.keys(events))
        .chain((type) => sampleOf(events[type]!, world).map((p) => ({ type, ...(p as object) })))
    : route.body
      ? sampleOf(route.body, world)
      : fc.constant({});
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.tuple(typed, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([b, m]) => mutate(b, m)),
    },
    { weight: 1, arbitrary: typed },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) }
  );
}
