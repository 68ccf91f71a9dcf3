import { Router, type RequestHandler } from 'express';
import { createScreenSchema } from '@atrium/shared';
import type { ScreenService } from '../../../services/screen.service.js';
import { bodyOf, handler } from '../http-kit.js';

export function screenRoutes(deps: { screens: ScreenService; staffOnly: RequestHandler; onlineScreens: () => Set<string> }): Router {
  const router = Router();
  router.use('/api/screens', deps.staffOnly);
  router.post(
    '/api/screens',
    handler(async (req, res) => {
      const input = bodyOf(createScreenSchema, req);
      res.status(201).json(await deps.screens.register(input));
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
