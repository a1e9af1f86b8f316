/**
 * Generators of hostile requests for the fuzz test, derived from the OpenAPI document so every
 * route (and every route added later) is covered: bodies from test/support/fuzzValues.ts, bad
 * query values and forged cursors, bad path parameters, odd identities and content types. Each
 * request says whether it must be refused whatever the route: it carries a control character, a
 * lone surrogate, nesting no form has, a path that does not decode, or a body that is not JSON in
 * UTF-8 (or the return file's CSV on its route).
 */
import fc from 'fast-check';
import type { JsonSchema, SampleWorld } from './fuzzValues';
import { badNumber, bodyFor, isPoisoned, nested, poisoned, toJson } from './fuzzValues';

export interface Route {
  method: string;
  template: string;
  query: string[];
  body?: JsonSchema;
  /** Bodies by event type, for the routes that take `{ type, ...payload }`. */
  events?: Record<string, JsonSchema>;
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  mustRefuse: boolean;
}

/** What the generators draw valid-looking values from: the fuzz county's codes, seeded ids, people. */
export interface FuzzWorld extends SampleWorld {
  /** Seeded ids per path parameter kind ('applications', 'tasks'…), by the route's first segment. */
  ids: Record<string, string[]>;
  people: Record<string, string>[];
}

type Doc = { paths: Record<string, Record<string, OpenApiOperation>>; 'x-event-payloads'?: Record<string, JsonSchema> };
type OpenApiOperation = {
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};

/** Every route of the document, with its query parameters and JSON body schema. */
export function routesOf(doc: Doc): Route[] {
  const events = doc['x-event-payloads'] ?? {};
  const byType = (prefixes: string[]) =>
    Object.fromEntries(
      Object.entries(events)
        .filter(([key]) => prefixes.some((p) => key.startsWith(p)))
        .map(([key, schema]) => [key.slice(key.indexOf('.') + 1), schema])
    );
  return Object.entries(doc.paths).flatMap(([template, operations]) =>
    Object.entries(operations).map(([method, op]) => ({
      method: method.toUpperCase(),
      template,
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      body: op.requestBody?.content['application/json']?.schema,
      ...(template.endsWith('/events') ? { events: byType(['dibao.', 'tekun.', 'temporaryHelp.', 'referral.']) } : {}),
    }))
  );
}

// ---- the request around the body ----

/** Path segments that do not decode or decode to a control character. */
const REFUSED_SEGMENTS = ['%ED%A0%80%FF', '%FF', '%', '%E4%B8', '%00', '%C2%85', '%0A', '%09'];
const ODD_SEGMENTS = ['0', '-1', '99999999999999999999', '1e5', 'x'.repeat(3000), 'null', '%20', 'DB-379983-%E4%B8%AD'];
/** Query values that decode to a control character (tab and line breaks included: no query value is free text). */
const REFUSED_QUERY = ['%00', '%07', '%1B', '%7F', '%C2%85', '%09', '%0A', 'a%0Db'];
const ODD_QUERY = ['', '-1', '0', '1e400', '99999999999', '2.5', 'true', 'x'.repeat(500), '%E4%B8%AD', '%FF'];
const DATES = ['0000-01-01', '0001-01-05', '1899-12-31', '2200-01-01', '2026-02-30', '2026-12-01', '9999-12-31'];
const INSTANTS = ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-12-01T00:00:00Z', '2026-02-30T00:00:00Z', 'x'];

const cursorText = fc.oneof(
  fc
    .record(
      {
        submittedAt: fc.constantFrom<unknown>(...INSTANTS, 1),
        createdAt: fc.constantFrom<unknown>(...INSTANTS, 1),
        dueAt: fc.constantFrom<unknown>(...INSTANTS, 1),
        id: fc.oneof(
          fc.string({ maxLength: 30 }),
          poisoned,
          badNumber,
          fc.constantFrom<unknown>(null, 'x'.repeat(300))
        ),
        org: fc.constantFrom('379983', '37', 'x'),
        token: fc.oneof(fc.base64String({ maxLength: 40 }), poisoned),
      },
      { requiredKeys: [] }
    )
    .map((position) => Buffer.from(JSON.stringify(position)).toString('base64url')),
  fc.base64String({ maxLength: 60 }).map((s) => encodeURIComponent(s)),
  fc.constant('eyJzdWJtaXR0ZWRBdCI6IjAwMDAtMDEtMDFUMDA6MDA6MDBaIiwiaWQiOiJ4In0')
);

function queryValue(name: string, world: FuzzWorld): fc.Arbitrary<{ text: string; refused: boolean }> {
  const plain = (s: string) => ({ text: encodeURIComponent(s), refused: false });
  const good = world.byName[name] ?? (name === 'limit' ? '2' : name === 'within' ? '3wd' : 'x');
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(plain(good)) },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_QUERY).map((text) => ({ text, refused: false })) },
    { weight: 1, arbitrary: fc.constantFrom(...DATES).map(plain) },
    { weight: 2, arbitrary: cursorText.map((text) => ({ text, refused: false })) },
    { weight: 1, arbitrary: fc.constantFrom(...REFUSED_QUERY).map((text) => ({ text: `v${text}`, refused: true })) }
  );
}

function queryFor(route: Route, world: FuzzWorld): fc.Arbitrary<{ text: string; refused: boolean }> {
  const names = [...route.query, 'extra', 'limit'];
  const pair = fc
    .tuple(
      fc.constantFrom(...names),
      fc.constantFrom(...names).chain((n) => queryValue(n, world))
    )
    .map(([name, value]) => ({ text: `${name}=${value.text}`, refused: value.refused }));
  return fc.array(pair, { maxLength: 4 }).map((pairs) => ({
    text: pairs.length ? `?${pairs.map((p) => p.text).join('&')}` : '',
    refused: pairs.some((p) => p.refused),
  }));
}

function pathFor(route: Route, world: FuzzWorld): fc.Arbitrary<{ text: string; refused: boolean }> {
  const segments = route.template.split('/');
  return fc
    .tuple(
      ...segments.map((segment, i) => {
        if (!segment.startsWith('{')) return fc.constant({ text: segment, refused: false });
        const known = world.ids[segments[i - 1] ?? ''] ?? Object.values(world.ids).flat();
        return fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom(...known).map((text) => ({ text, refused: false })) },
          { weight: 2, arbitrary: fc.constantFrom(...ODD_SEGMENTS).map((text) => ({ text, refused: false })) },
          { weight: 1, arbitrary: fc.constantFrom(...REFUSED_SEGMENTS).map((text) => ({ text, refused: true })) }
        );
      })
    )
    .map((parts) => ({ text: parts.map((p) => p.text).join('/'), refused: parts.some((p) => p.refused) }));
}

/**
 * Credentials: mostly a real person's token, sometimes a forged, incomplete or poisoned one, or the
 * identity headers an attacker types (ignored: no credential, 401).
 */
function identityFor(world: FuzzWorld): fc.Arbitrary<{ headers: Record<string, string>; refused: boolean }> {
  const person = fc.constantFrom(...world.people).map((headers) => ({ headers, refused: false }));
  const odd = fc
    .tuple(fc.constantFrom(...world.people), fc.constantFrom('system', 'admin', '', 'x'.repeat(80), '3', '37998300'))
    .chain(([headers, value]) =>
      fc.constantFrom<{ headers: Record<string, string>; refused: boolean }>(
        { headers: { 'x-user-role': 'county', 'x-user-org': '379983', 'x-user-id': value || 'u' }, refused: false },
        { headers: { authorization: `Bearer ylt_${'0'.repeat(12)}_${'A'.repeat(43)}` }, refused: false },
        { headers: { authorization: `Bearer ${value || 'x'}` }, refused: false },
        { headers: { ...headers, 'x-acting-post': value || 'county@379983' }, refused: false },
        // Latin-1 bytes 0x85 and 0x9F: C1 controls once decoded (the HTTP parser passes them through).
        { headers: { ...headers, 'x-acting-post': `fuzz\u0085${value}` }, refused: true },
        { headers: { ...headers, 'idempotency-key': `fuzz-key-\u009f-${value}` }, refused: true },
        { headers: {}, refused: false }
      )
    );
  return fc.oneof({ weight: 8, arbitrary: person }, { weight: 1, arbitrary: odd });
}

/** Content types besides JSON in UTF-8: each refused (415) when a body comes with it, but on return-file. */
const ODD_TYPES = [
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'text/plain',
  'text/csv',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  ';;',
  '',
];
const RAW_BODIES = ['{"a":', '', '[]', '"s"', '42', 'null', '{"a":1}{', '\u0000'];
const OVERSIZE = `{"x":"${'a'.repeat(1_100_000)}"}`;

function bodyText(route: Route, world: FuzzWorld): fc.Arbitrary<{ text: string; refused: boolean }> {
  const json = bodyFor(route, world).map((value) => ({
    text: toJson(value),
    refused: isPoisoned(value),
  }));
  return fc.oneof(
    { weight: 20, arbitrary: json },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_BODIES).map((text) => ({ text, refused: text.length > 0 })) },
    {
      weight: 1,
      arbitrary: nested.map((v) => ({ text: toJson({ type: 'ACCEPT', comment: v }), refused: true })),
    },
    { weight: 1, arbitrary: fc.constant({ text: OVERSIZE, refused: true }) }
  );
}

/** Return-file bodies without a NUL: that file's own parsing is pinned by the payments tests. */
const csv = fc.array(fc.stringMatching(/^[0-9A-Za-z,.-]{0,30}$/), { maxLength: 5 }).map((l) => l.join('\n'));

export function requestFor(route: Route, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const returnFile = route.template.endsWith('/return-file');
  return fc
    .record({
      path: pathFor(route, world),
      query: queryFor(route, world),
      identity: identityFor(world),
      body: route.method === 'GET' ? fc.constant(undefined) : bodyText(route, world),
      type: fc.oneof({ weight: 12, arbitrary: fc.constant('application/json') }, fc.constantFrom(...ODD_TYPES)),
      csv: returnFile ? fc.option(csv) : fc.constant(null),
    })
    .map(({ path, query, identity, body, type, csv }) => {
      const text = csv ?? body?.text;
      const contentType = csv === null ? type : 'text/csv';
      const readable =
        text === undefined ||
        text === '' ||
        contentType === 'application/json' ||
        (returnFile && (contentType === 'text/csv' || contentType === 'text/plain'));
      const headers = { ...identity.headers, ...(contentType ? { 'content-type': contentType } : {}) };
      return {
        [fc.toStringMethod]: () =>
          `${route.method} ${path.text.slice(0, 120)}${query.text.slice(0, 120)} ${(text ?? '').slice(0, 200)}`,
        method: route.method,
        path: `${path.text}${query.text}`,
        headers,
        ...(text === undefined ? {} : { body: text }),
        mustRefuse: path.refused || query.refused || identity.refused || !readable || (csv === null && !!body?.refused),
      };
    });
}
