/**
 * The configuration-in-force routes (read-only), declared once: the router serves these and the
 * OpenAPI paths are derived from them (api/http/declaredRoutes.ts).
 */
import type { DeclaredRoute } from '../http/declaredRoutes';
import { stringQueryParameters } from '../http/openApiParts';
import { rulesQuerySchema } from './rulesInForce';

export const configurationRoutes = {
  rules: {
    method: 'get',
    path: '/rules',
    action: 'rules.read',
    summary:
      'Figures in force for a county and program on a date (admin, supervisor; read-only): each with ' +
      'path, value, valueZh, source, effectiveFrom and where it came from (origin builtIn or file, the ' +
      'entry’s scope and date); problems lists figures missing or beyond their legal limit',
    parameters: stringQueryParameters(rulesQuerySchema),
  },
  calendar: {
    method: 'get',
    path: '/calendar',
    action: 'calendar.read',
    summary:
      'The working-day calendar the clocks run on: every known year with its holidays, 调休 working days, ' +
      'source document, provisional flag and origin (builtIn or file from CALENDAR_DIR)',
  },
} as const satisfies Record<string, DeclaredRoute>;
