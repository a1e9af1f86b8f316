/**
 * The staff console (web/, built to web/dist): its files, and index.html for every other path that
 * is not the API's, so a shared link such as /tasks?tab=claimable opens the right view. Public
 * (`console.static`): the page holds no data, the API behind it decides what anyone sees.
 * The console's own Content-Security-Policy replaces helmet's default on these answers only: scripts
 * from this origin alone, inline styles allowed because Ant Design writes its CSS at run time.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import express, { Router } from 'express';
import { authorize } from '../http/authorize';

export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Where `npm start` and the tests build the console. */
export const DEFAULT_CONSOLE_DIR = path.resolve(__dirname, '../../web/dist');

const isApiPath = (p: string): boolean => p === '/api' || p.startsWith('/api/') || p === '/healthz' || p === '/readyz';

const NOT_BUILT =
  '<!doctype html><meta charset="utf-8"><title>工作台尚未构建</title>' +
  '<p>工作台尚未构建：请在项目目录运行 <code>npm run build:web</code>（<code>npm start</code> 会自动构建）后刷新本页。</p>';

export function consoleRouter(dir: string = DEFAULT_CONSOLE_DIR): Router {
  const router = Router();
  const files = express.static(dir, {
    index: false,
    // Vite names built assets by content hash: they never change under one name.
    setHeaders(res, file) {
      if (file.includes(`${path.sep}assets${path.sep}`))
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  const consoleCsp = (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    next();
  };
  router.get(
    '/{*path}',
    authorize('console.static'),
    (req, _res, next) => {
      // Unknown API paths keep their JSON 404 (the app's last handler).
      if (isApiPath(req.path)) next('router');
      else next();
    },
    consoleCsp,
    files,
    (req, res) => {
      // A missing file with an extension (a stale /assets/… link) is a 404, not the page.
      if (path.extname(req.path) !== '') {
        res.status(404).type('text/plain; charset=utf-8').send('文件不存在');
        return;
      }
      const index = path.join(dir, 'index.html');
      if (!existsSync(index)) {
        res.status(404).type('html').send(NOT_BUILT);
        return;
      }
      // The page itself is never cached: after a deployment the next load picks up the new assets.
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    }
  );
  return router;
}
