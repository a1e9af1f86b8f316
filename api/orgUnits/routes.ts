/**
 * The org-unit route, declared once: the router serves it and the OpenAPI path is derived from it
 * (api/http/declaredRoutes.ts).
 */
import { z } from 'zod';
import { orgUnitCodeSchema } from '../../definitions/shared/orgUnits';
import type { DeclaredRoute } from '../http/declaredRoutes';
import { stringQueryParameters } from '../http/openApiParts';

export const orgUnitsQuerySchema = z.object({ parent: orgUnitCodeSchema.optional() });

export const orgUnitRoutes = {
  list: {
    method: 'get',
    path: '/org-units',
    action: 'orgUnits.list',
    summary:
      'Administrative divisions under `parent` (a county’s townships, a township’s villages) by name; ' +
      'without it, the counties the register holds',
    parameters: stringQueryParameters(orgUnitsQuerySchema),
  },
} as const satisfies Record<string, DeclaredRoute>;
