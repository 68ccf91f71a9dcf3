import { Router, type RequestHandler } from 'express';
import { createKioskSchema } from '@atrium/shared';
import type { KioskService } from '../../../services/kiosk.service.js';
import type { FeedbackService } from '../../../services/feedback.service.js';
import { bodyOf, handler } from '../http-kit.js';

/** Staff: register kiosks (token shown once), list them, and read the service tickets kiosk feedback opened. */
export function kioskRoutes(deps: { kiosks: KioskService; feedback: FeedbackService; staffOnly: RequestHandler }): Router {
  const r = Router();
  r.use(['/api/kiosks', '/api/tickets'], deps.staffOnly);
  r.get('/api/kiosks', handler(async (_q, s) => s.json(await deps.kiosks.list())));
  r.post(
    '/api/kiosks',
    handler(async (q, s) => {
      s.status(201).json(await deps.kiosks.register(bodyOf(createKioskSchema, q)));
    }),
  );
  r.get(
    '/api/tickets',
    handler(async (_q, s) =>
      s.json(
        (await deps.feedback.openTickets()).map((t) => ({
          id: t.id,
          source: t.source,
          memberId: t.member_id,
          kioskId: t.kiosk_id,
          summary: t.summary,
          priority: t.priority,
          status: t.status,
          createdAt: t.created_at,
          respondBy: t.respond_by,
          resolveBy: t.resolve_by,
        })),
      ),
    ),
  );
  return r;
}
