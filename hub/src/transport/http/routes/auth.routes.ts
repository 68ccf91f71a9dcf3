import { Router } from 'express';
import { loginSchema } from '@atrium/shared';
import type { StaffAuthService } from '../../../services/staff-auth.service.js';
import { bodyOf, handler, HttpError, requireStaff, SESSION_COOKIE } from '../http-kit.js';

export function authRoutes(deps: { auth: StaffAuthService; secureCookies: boolean }): Router {
  const router = Router();
  router.post(
    '/api/auth/login',
    handler(async (req, res) => {
      const { username, password } = bodyOf(loginSchema, req);
      const session = await deps.auth.login(username, password);
      if (!session) throw new HttpError(401, 'bad_credentials', 'username or password is wrong');
      res.cookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.secureCookies,
        expires: session.expiresAt,
        path: '/',
      });
      res.json({ user: session.user });
    }),
  );
  router.post(
    '/api/auth/logout',
    handler(async (req, res) => {
      const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
      if (token) await deps.auth.logout(token);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.status(204).end();
    }),
  );
  router.get('/api/auth/me', requireStaff(deps.auth), (req, res) => {
    res.json({ user: req.staff });
  });
  return router;
}
