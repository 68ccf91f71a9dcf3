import { Router, type RequestHandler } from 'express';
import { addPlateSchema, createMemberSchema } from '@atrium/shared';
import type { MemberService } from '../../../services/member.service.js';
import { bodyOf, handler, intParam } from '../http-kit.js';



export function memberRoutes(deps: { members: MemberService; staffOnly: RequestHandler }): Router {
  const router = Router();
  router.use('/api/members', deps.staffOnly);
  router.post(
    '/api/members',
    handler(async (req, res) => {
      const member = await deps.members.register(bodyOf(createMemberSchema, req));
      res.status(201).json(member);
    }),
  );
  router.get(
    '/api/members/:id',
    handler(async (req, res) => {
      res.json(await deps.members.view(intParam(req, 'id')));
    }),
  );
  router.post(
    '/api/members/:id/plates',
    handler(async (req, res) => {
      const { plate } = bodyOf(addPlateSchema, req);
      res.status(201).json(await deps.members.addPlate(intParam(req, 'id'), plate));
    }),
  );
  router.get(
    '/api/members/:id/pass',
    handler(async (req, res) => {
      res.json(await deps.members.pass(intParam(req, 'id')));
    }),
  );
  return router;
}
