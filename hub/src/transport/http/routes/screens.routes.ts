import { Router, type RequestHandler } from 'express';
import { createScreenSchema } from '@atrium/shared';
import { ScreenProblem, type ScreenService } from '../../../services/screen.service.js';
import { bodyOf, handler, HttpError } from '../http-kit.js';

export function screenRoutes(deps: { screens: ScreenService; staffOnly: RequestHandler; onlineScreens: () => Set<string> }): Router {
  const router = Router();
  router.use('/api/screens', deps.staffOnly);
  router.post(
    '/api/screens',
    handler(async (req, res) => {
      const input = bodyOf(createScreenSchema, req);
      const created = await deps.screens.register(input).catch((err: unknown) => {
        if (err instanceof ScreenProblem) throw new HttpError(err.code === 'conflict' ? 409 : 400, err.code, err.message);
        throw err;
      });
      res.status(201).json(created);
    }),
  );
  router.get(
    '/api/screens',
    handler(async (_req, res) => {
      const online = deps.onlineScreens();
      res.json((await deps.screens.list()).map((s) => ({ ...s, online: online.has(s.id) })));
    }),
  );
  return router;
}
