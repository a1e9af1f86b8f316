/**
 * Routes declared once: method, path, the action the access policy names, and the request and
 * answer schemas. A router serves a declaration with its handlers (`serve`), which puts the action's
 * `authorize` first, so the deny-by-default check (routeActions.ts) holds by construction; the
 * OpenAPI path objects are derived from the same declarations (`openApiPaths`), so the document
 * cannot describe a route other than the one served.
 */
import type { RequestHandler, Router } from 'express';
import type { RouteParameters } from 'express-serve-static-core';
import type { z } from 'zod';
import type { ActionName } from '../../definitions/access';
import { authorize } from './authorize';
import type { JsonSchema } from './openApiParts';
import { identityHeaders, jsonSchemaOf, usualResponses } from './openApiParts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface DeclaredRoute {
  method: Method;
  /** Express's pattern under /api (`/payment-cycles/:id`). */
  path: string;
  action: ActionName;
  summary: string;
  /** Older paths that serve the same route: kept working, documented as deprecated. */
  aliases?: readonly string[];
  /** Parameters beyond the caller's headers and the query fields, as the document states them (an Idempotency-Key). */
  parameters?: readonly object[];
  /** The query parameters, one per field. */
  query?: z.ZodObject;
  /** A JSON request body. */
  body?: z.ZodType;
  /** A request body without a zod schema of its own (a file as the bank sends it), as the document states it. */
  requestBody?: object;
  /** The success status and its JSON body, with the usual refusals beside it. */
  ok?: { status: '200' | '201'; schema: z.ZodType | JsonSchema };
  /** Answers beyond (or instead of) the usual ones: a file, a CSV variant. */
  responses?: Record<string, unknown>;
}

/** Serves `route` on `router` (and on its aliases): its action's check first, then `handlers`. */
export function serve<P extends string>(
  router: Router,
  route: DeclaredRoute & { path: P },
  ...handlers: RequestHandler<RouteParameters<P>>[]
): void {
  for (const path of [route.path, ...(route.aliases ?? [])]) {
    router[route.method](path, authorize(route.action), ...handlers);
  }
}

const isZod = (schema: unknown): schema is z.ZodType =>
  typeof schema === 'object' && schema !== null && typeof (schema as { safeParse?: unknown }).safeParse === 'function';

/** `/payment-cycles/:id` under /api, as OpenAPI writes it: `/api/payment-cycles/{id}`. */
const documentPath = (path: string): string => `/api${path.replace(/:(\w+)/g, '{$1}')}`;

function operationOf(route: DeclaredRoute): Record<string, unknown> {
  const query = Object.entries(route.query?.shape ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    schema: jsonSchemaOf(schema as z.ZodType, 'input'),
  }));
  const extra = [...(route.parameters ?? []), ...query];
  const ok =
    route.ok &&
    usualResponses(route.ok.status, isZod(route.ok.schema) ? jsonSchemaOf(route.ok.schema) : route.ok.schema);
  const responses = ok || route.responses ? { ...ok, ...route.responses } : undefined;
  const requestBody = route.body
    ? { content: { 'application/json': { schema: jsonSchemaOf(route.body, 'input') } } }
    : route.requestBody;
  return {
    summary: route.summary,
    parameters: extra.length > 0 ? [...identityHeaders, ...extra] : identityHeaders,
    ...(requestBody ? { requestBody } : {}),
    ...(responses ? { responses } : {}),
  };
}

/** The OpenAPI path objects of `routes`, aliases included (marked deprecated, naming the path to use). */
export function openApiPaths(routes: readonly DeclaredRoute[]): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  const add = (path: string, method: Method, operation: Record<string, unknown>) => {
    paths[documentPath(path)] = { ...paths[documentPath(path)], [method]: operation };
  };
  for (const route of routes) {
    const operation = operationOf(route);
    add(route.path, route.method, operation);
    for (const alias of route.aliases ?? []) {
      const use = `${route.method.toUpperCase()} ${documentPath(route.path)}`;
      add(alias, route.method, { ...operation, deprecated: true, description: `An alias of ${use}; use that path.` });
    }
  }
  return paths;
}
