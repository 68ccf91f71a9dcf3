import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { parseWith } from '@atrium/shared';
import type { StaffAuthService, StaffUser } from '../../services/staff-auth.service.js';

/** An error with an HTTP status and a message fit for the client. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const SESSION_COOKIE = 'atrium_session';

/**
 * The HTTP status of each domain problem code (services/domain-problem.ts). One table
 * for every route: the same refusal always gets the same status.
 */
export const PROBLEM_STATUS: Record<string, number> = {
  invalid: 400,
  invalid_input: 400,
  unauthenticated: 401,
  wrong_otp: 401,
  not_eligible: 403,
  not_found: 404,
  not_a_member: 404,
  conflict: 409,
  in_use: 409,
  insufficient_points: 409,
  negative_balance: 409,
  out_of_stock: 409,
  limit_reached: 409,
  paused: 409,
  not_started: 409,
  ended: 409,
  expired: 410,
  used: 410,
  too_large: 413,
  unsupported_type: 415,
  rate_limited: 429,
};

/** Validates a request body, or answers 400 saying which field and why. */
export function bodyOf<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const parsed = parseWith(schema, req.body ?? {});
  if (!parsed.ok) throw new HttpError(400, 'invalid_input', parsed.reason);
  return parsed.value;
}

export function intParam(req: Request, name: string): number {
  const raw = req.params[name];
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new HttpError(400, 'invalid_input', `${name}: must be a positive integer`);
  return value;
}

/** Express 5 forwards rejected promises to the error handler; this keeps handlers typed as async. */
export const handler =
  (fn: (req: Request, res: Response) => Promise<unknown>): RequestHandler =>
  (req, res, next) =>
    fn(req, res).catch(next);

declare module 'express-serve-static-core' {
  interface Request {
    staff?: StaffUser;
  }
}

/** Staff routes need a console login session (cookie). */
export function requireStaff(auth: StaffAuthService): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (!token) return next(new HttpError(401, 'unauthenticated', 'log in to the console first (POST /api/auth/login)'));
    auth
      .userForSession(token)
      .then((user) => {
        if (!user) return next(new HttpError(401, 'unauthenticated', 'your session has expired; log in again'));
        req.staff = user;
        next();
      })
      .catch(next);
  };
}
