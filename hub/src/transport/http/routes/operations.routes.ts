import { Router, type RequestHandler } from 'express';
import type { DeviceStatusService } from '../../../services/device-status.service.js';
import type { RejectionService } from '../../../services/rejection.service.js';
import { handler } from '../http-kit.js';

/** What integrators and staff look at when a device misbehaves. */
export function operationsRoutes(deps: { rejections: RejectionService; deviceStatus: DeviceStatusService; staffOnly: RequestHandler }): Router {
  const router = Router();
  router.use(['/api/rejected', '/api/devices'], deps.staffOnly);
  router.get(
    '/api/rejected',
    handler(async (req, res) => {
      const limit = Math.min(Math.max(Number(req.query.limit) || 100, 1), 1000);
      res.json(await deps.rejections.recent(limit));
    }),
  );
  router.get('/api/devices', handler(async (_req, res) => res.json(await deps.deviceStatus.list())));
  return router;
}
