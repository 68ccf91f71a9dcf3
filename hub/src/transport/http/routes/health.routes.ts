import { Router } from 'express';
import type { Database } from '../../../db/database.js';
import { handler } from '../http-kit.js';

export function healthRoutes(deps: { db: Database; mqttConnected: () => boolean }): Router {
  const router = Router();
  router.get(
    '/api/health',
    handler(async (_req, res) => {
      const db = await deps.db.get('SELECT 1 AS ok').then(
        () => 'ok',
        () => 'error',
      );
      const mqtt = deps.mqttConnected() ? 'connected' : 'disconnected';
      const healthy = db === 'ok' && mqtt === 'connected';
      res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'degraded', db, mqtt });
    }),
  );
  return router;
}
