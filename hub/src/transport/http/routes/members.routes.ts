import { Router, type RequestHandler } from 'express';
import { addPlateSchema, createMemberSchema } from '@atrium/shared';
import { MemberProblem, type MemberService } from '../../../services/member.service.js';
import { bodyOf, handler, HttpError, intParam } from '../http-kit.js';

const STATUS = { invalid: 400, conflict: 409, not_found: 404 } as const;

/** Maps a member domain problem to its HTTP answer. */
const translate = (err: unknown): never => {
  if (err instanceof MemberProblem) throw new HttpError(STATUS[err.code], err.code, err.message);
  throw err;
};

export function memberRoutes(deps: { members: MemberService; staffOnly: RequestHandler }): Router {
  const router = Router();
  router.use('/api/members', deps.staffOnly);
  router.post(
    '/api/members',
    handler(async (req, res) => {
      const member = await deps.members.register(bodyOf(createMemberSchema, req)).catch(translate);
      res.status(201).json(member);
    }),
  );
  router.get(
    '/api/members/:id',
    handler(async (req, res) => {
      res.json(await deps.members.view(intParam(req, 'id')).catch(translate));
    }),
  );
  router.post(
    '/api/members/:id/plates',
    handler(async (req, res) => {
      const { plate } = bodyOf(addPlateSchema, req);
      res.status(201).json(await deps.members.addPlate(intParam(req, 'id'), plate).catch(translate));
    }),
  );
  router.get(
    '/api/members/:id/pass',
    handler(async (req, res) => {
      res.json(await deps.members.pass(intParam(req, 'id')).catch(translate));
    }),
  );
  return router;
}
