/**
 * The programs this installation runs (the catalogue counties publish) and a program version's
 * statechart as data for drawing (states, transitions, Chinese labels), so the console can show the
 * procedure and where a case is in it. The procedure, not personal data: any member of staff may read it.
 */
import { Router } from 'express';
import { definitionForVersion, hasDefinitionVersion } from '../../definitions';
import { chartDiagram } from '../../definitions/engine/chartDiagram';
import { serve } from '../http/declaredRoutes';
import { programRoutes } from './routes';
import { NotFound } from '../http/errors';
import { programCatalogue } from './catalogue';
import { versionSchema } from '../migrations/schemas';
import { parseOrThrow } from '../http/validation';

export function programsRouter(): Router {
  const router = Router();
  const catalogue = programCatalogue();
  serve(router, programRoutes.list, (_req, res) => {
    res.json(catalogue);
  });
  serve(router, programRoutes.chart, (req, res) => {
    const version = parseOrThrow(versionSchema, req.params.version, ['params', 'version']);
    if (!hasDefinitionVersion(version)) throw new NotFound('没有这个业务版本，请核对“项目@版本号”，例如 dibao@1');
    res.json(chartDiagram(definitionForVersion(version)));
  });
  return router;
}
