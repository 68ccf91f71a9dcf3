import { Router, type CookieOptions, type Request } from 'express';
import { passConsentSchema, passLoginSchema, passOtpSchema, passPlateSchema, passPrivacyRequestSchema } from '@atrium/shared';
import type { KioskLinkService } from '../../../services/kiosk-link.service.js';
import { MEMBER_SESSION_DAYS, type MemberPassService } from '../../../services/member-pass.service.js';
import type { MemberService } from '../../../services/member.service.js';
import type { OtpService } from '../../../services/otp.service.js';
import { bodyOf, handler, HttpError } from '../http-kit.js';

export const MEMBER_COOKIE = 'atrium_member';



/** The member pass API (`/m` on the member's phone): a member acts only on their own account. */
export function passRoutes(deps: { pass: MemberPassService; otp: OtpService; members: MemberService; links: KioskLinkService; secureCookies: boolean }): Router {
  const r = Router();
  // Lax, not Strict: the member arrives from a QR code scanned by the phone's camera app.
  const cookie: CookieOptions = { httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, path: '/', maxAge: MEMBER_SESSION_DAYS * 86_400_000 };
  const tokenOf = (req: Request) => (req.cookies as Record<string, string> | undefined)?.[MEMBER_COOKIE];
  const memberOf = async (req: Request): Promise<number> => {
    const token = tokenOf(req);
    if (!token) throw new HttpError(401, 'unauthenticated', 'log in with your phone number');
    return deps.pass.memberFor(token);
  };

  r.post(
    '/api/pass/otp',
    handler(async (req, res) => {
      const { phone } = bodyOf(passOtpSchema, req);
      const sent = await deps.otp.request(phone, `web:${req.ip ?? 'unknown'}`);
      res.json({ sent: true, expiresAt: sent.expiresAt });
    }),
  );
  r.post(
    '/api/pass/login',
    handler(async (req, res) => {
      const { phone, otp, join } = bodyOf(passLoginSchema, req);
      const { token, memberId } = await deps.pass.login(phone, otp, join);
      res.cookie(MEMBER_COOKIE, token, cookie);
      res.json(await deps.pass.view(memberId));
    }),
  );
  r.post(
    '/api/pass/logout',
    handler(async (req, res) => {
      const token = tokenOf(req);
      if (token) await deps.pass.logout(token);
      res.clearCookie(MEMBER_COOKIE, { path: '/' });
      res.status(204).end();
    }),
  );
  r.get('/api/pass/me', handler(async (req, res) => res.json(await deps.pass.view(await memberOf(req)))));
  r.get(
    '/api/pass/code',
    handler(async (req, res) => {
      res.set('Cache-Control', 'no-store');
      res.json(await deps.pass.code(await memberOf(req)));
    }),
  );
  r.post(
    '/api/pass/plates',
    handler(async (req, res) => {
      const memberId = await memberOf(req);
      await deps.members.addPlate(memberId, bodyOf(passPlateSchema, req).plate);
      res.status(201).json(await deps.pass.view(memberId));
    }),
  );
  r.delete(
    '/api/pass/plates/:id',
    handler(async (req, res) => {
      const memberId = await memberOf(req);
      await deps.members.removePlate(memberId, String(req.params.id));
      res.json(await deps.pass.view(memberId));
    }),
  );
  r.put(
    '/api/pass/consents',
    handler(async (req, res) => {
      const memberId = await memberOf(req);
      await deps.pass.setMarketing(memberId, bodyOf(passConsentSchema, req).marketing);
      res.json(await deps.pass.view(memberId));
    }),
  );
  r.post(
    '/api/pass/privacy-requests',
    handler(async (req, res) => {
      const memberId = await memberOf(req);
      res.status(201).json(await deps.pass.requestPrivacy(memberId, bodyOf(passPrivacyRequestSchema, req).kind));
    }),
  );
  r.get(
    '/api/pass/link/:code',
    handler(async (req, res) => {
      await memberOf(req);
      res.json(await deps.links.peek(String(req.params.code)));
    }),
  );
  r.post(
    '/api/pass/link/:code/confirm',
    handler(async (req, res) => {
      const memberId = await memberOf(req);
      await deps.links.confirm(String(req.params.code), memberId);
      res.json({ ok: true });
    }),
  );
  return r;
}
