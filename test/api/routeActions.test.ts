/**
 * Deny by default: the route table read from Express (api/http/routeActions.ts, the one place that reads
 * Express's router) lists every route with the action its first handler declares, through nested
 * routers and mount paths, and an app with a route that declares none does not build.
 * Pins the reading on the installed Express (5) and router (2).
 */
import express, { Router } from 'express';
import { authorize } from '../../api/http/authorize';
import { assertEveryRouteDeclares, declaredRoutes } from '../../api/http/routeActions';

function appWith(undeclared: boolean): express.Express {
  const app = express();
  app.get('/healthz', authorize('health.read'), (_req, res) => {
    res.json({});
  });
  const router = Router();
  router.get('/cases', authorize('cases.list'), (_req, res) => {
    res.json({});
  });
  router.post('/applications/:id/events', authorize('applications.event'), (req, res) => {
    res.json({ id: req.params.id });
  });
  if (undeclared) {
    router.delete('/cases/:id', (_req, res) => {
      res.json({});
    });
  }
  app.use('/api', router);
  app.use((_req, res) => {
    res.status(404).json({});
  });
  return app;
}

describe('route actions / deny by default', () => {
  it('lists every route with its method, full path and declared action', () => {
    expect(declaredRoutes(appWith(true)).map(({ method, path, action }) => ({ method, path, action }))).toEqual([
      { method: 'GET', path: '/healthz', action: 'health.read' },
      { method: 'GET', path: '/api/cases', action: 'cases.list' },
      { method: 'POST', path: '/api/applications/:id/events', action: 'applications.event' },
      { method: 'DELETE', path: '/api/cases/:id', action: undefined },
    ]);
  });

  it('refuses to build an app with a route that declares no action', () => {
    expect(() => assertEveryRouteDeclares(appWith(false))).not.toThrow();
    expect(() => assertEveryRouteDeclares(appWith(true))).toThrow('DELETE /api/cases/:id');
  });
});
