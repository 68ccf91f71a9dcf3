import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import cookieParser from 'cookie-parser';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../platform/logger.js';
import type { DeviceStatusService } from '../../services/device-status.service.js';
import type { MemberService } from '../../services/member.service.js';
import type { ParkingService } from '../../services/parking.service.js';
import type { RejectionService } from '../../services/rejection.service.js';
import type { ScreenService } from '../../services/screen.service.js';
import type { StaffAuthService } from '../../services/staff-auth.service.js';
import { DomainProblem } from '../../services/domain-problem.js';
import { HttpError, PROBLEM_STATUS, requireStaff } from './http-kit.js';
import { authRoutes } from './routes/auth.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { layoutRoutes } from './routes/layout.routes.js';
import { memberRoutes } from './routes/members.routes.js';
import { operationsRoutes } from './routes/operations.routes.js';
import { loyaltyRoutes, type LoyaltyRouteDeps } from './routes/loyalty.routes.js';
import { kioskRoutes } from './routes/kiosks.routes.js';
import { parkingRoutes } from './routes/parking.routes.js';
import { passRoutes } from './routes/pass.routes.js';
import { screenRoutes } from './routes/screens.routes.js';
import { signageRoutes, type SignageRouteDeps } from './routes/signage.routes.js';

export interface HttpAppDeps {
  db: Database;
  logger: Logger;
  auth: StaffAuthService;
  members: MemberService;
  screens: ScreenService;
  rejections: RejectionService;
  deviceStatus: DeviceStatusService;
  mqttConnected: () => boolean;
  onlineScreens: () => Set<string>;
  /** Built signage app (vite output). */
  signageDist: string;
  secureCookies: boolean;
  loyalty: Omit<LoyaltyRouteDeps, 'staffOnly' | 'members'>;
  kiosk: Omit<Parameters<typeof kioskRoutes>[0], 'staffOnly'>;
  pass: Omit<Parameters<typeof passRoutes>[0], 'secureCookies' | 'members'>;
  /** Built kiosk app (vite output): the kiosk and the member pass. */
  kioskDist: string;
  signage: Omit<SignageRouteDeps, 'staffOnly' | 'onlineScreens'>;
  parking: ParkingService;
}

export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '64kb' }));
  app.use(cookieParser());
  const staffOnly: RequestHandler = requireStaff(deps.auth);

  app.use(healthRoutes(deps));
  app.use(authRoutes({ auth: deps.auth, secureCookies: deps.secureCookies }));
  app.use(memberRoutes({ members: deps.members, staffOnly }));
  app.use(loyaltyRoutes({ ...deps.loyalty, members: deps.members, staffOnly }));
  app.use(kioskRoutes({ ...deps.kiosk, staffOnly }));
  app.use(parkingRoutes({ parking: deps.parking, deviceStatus: deps.deviceStatus, db: deps.db, staffOnly }));
  app.use(passRoutes({ ...deps.pass, members: deps.members, secureCookies: deps.secureCookies }));
  app.use(signageRoutes({ ...deps.signage, onlineScreens: deps.onlineScreens, staffOnly }));
  app.use(screenRoutes({ screens: deps.screens, staffOnly, onlineScreens: deps.onlineScreens }));
  app.use(layoutRoutes({ db: deps.db, staffOnly }));
  app.use(operationsRoutes({ rejections: deps.rejections, deviceStatus: deps.deviceStatus, staffOnly }));
  app.use('/api', (_req, _res, next) => next(new HttpError(404, 'not_found', 'no such API route; see docs/protocol.md')));

  // Pages, built by `npm run build`: the screen player (signage/dist), the kiosk and the member pass (kiosk/dist).
  const page = (dist: string, file: string): RequestHandler => (_req, res, next) => {
    const html = path.join(dist, file);
    if (!existsSync(html)) return next(new HttpError(503, 'not_built', 'the pages are not built; run `npm run build`'));
    res.set('Cache-Control', 'no-cache').sendFile(html);
  };
  app.use('/signage', express.static(deps.signageDist, { index: false, maxAge: '1h' }));
  app.use('/kiosk-app', express.static(deps.kioskDist, { index: false, maxAge: '1h' }));
  app.get('/screen', page(deps.signageDist, 'screen.html'));
  app.get('/console', page(deps.signageDist, 'console.html'));
  // The player's service worker lives at the root so its scope covers /screen, /signage/ and /assets/.
  app.get('/screen-sw.js', (req, res, next) => {
    res.set({ 'Service-Worker-Allowed': '/', 'Cache-Control': 'no-cache' });
    page(deps.signageDist, 'screen-sw.js')(req, res, next);
  });
  app.get('/kiosk', page(deps.kioskDist, 'kiosk.html'));
  app.get(['/m', '/m/*rest'], page(deps.kioskDist, 'm.html'));
  app.get('/', (_req, res) => {
    res.type('text/plain').send('Atrium hub. Screens: /screen?device=ID&token=TOKEN · Kiosks: /kiosk?device=ID&token=TOKEN · Member pass: /m · API: /api/health · docs/protocol.md\n');
  });

  const errors: ErrorRequestHandler = (err: unknown, req, res, _next) => {
    if (err instanceof HttpError) return res.status(err.status).json({ error: { code: err.code, message: err.message } });
    if (err instanceof DomainProblem) return res.status(PROBLEM_STATUS[err.code] ?? 400).json({ error: { code: err.code, message: err.message } });
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.too.large') return res.status(413).json({ error: { code: 'too_large', message: 'request body is larger than 64 KiB' } });
    if (e.type === 'entity.parse.failed') return res.status(400).json({ error: { code: 'invalid_json', message: 'request body is not valid JSON' } });
    // No stack trace to clients; the log has the details (no personal data in the path).
    deps.logger.error({ method: req.method, path: req.path, err: e.message }, 'request failed');
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  };
  app.use(errors);
  return app;
}
