import type { Namespace, Server, Socket } from 'socket.io';
import {
  fail,
  kioskSchemas,
  ok,
  parseWith,
  screenAuthSchema,
  type Ack,
  type KioskArgs,
  type KioskCall,
  type KioskClientEvents,
  type KioskErrorCode,
  type KioskServerEvents,
} from '@atrium/shared';
import type { Clock } from '../../platform/clock.js';
import type { EventBus } from '../../platform/events.js';
import type { Logger } from '../../platform/logger.js';
import type { KioskRow } from '../../repositories/kiosk.repository.js';
import type { CheckinService } from '../../services/checkin.service.js';
import type { CouponService } from '../../services/coupon.service.js';
import { DomainProblem } from '../../services/domain-problem.js';
import type { FeedbackService } from '../../services/feedback.service.js';
import type { KioskLinkService } from '../../services/kiosk-link.service.js';
import type { KioskService } from '../../services/kiosk.service.js';
import type { MemberCodeService } from '../../services/member-code.service.js';
import type { MemberHomeService } from '../../services/member-home.service.js';
import type { MemberService } from '../../services/member.service.js';
import type { OtpService } from '../../services/otp.service.js';
import type { ParkingService } from '../../services/parking.service.js';
import type { RewardService } from '../../services/reward.service.js';

interface KioskData {
  kiosk: KioskRow;
}
type KioskSocket = Socket<KioskClientEvents, KioskServerEvents, Record<string, never>, KioskData>;
type KioskNamespace = Namespace<KioskClientEvents, KioskServerEvents, Record<string, never>, KioskData>;

/** The hub ends a member session nobody has used for this long, whatever the kiosk page does. */
export const SERVER_SESSION_IDLE_MS = 3 * 60_000;

export interface KioskDeps {
  clock: Clock;
  kiosks: KioskService;
  memberCodes: MemberCodeService;
  home: MemberHomeService;
  members: MemberService;
  checkins: CheckinService;
  coupons: CouponService;
  rewards: RewardService;
  links: KioskLinkService;
  otp: OtpService;
  feedback: FeedbackService;
  parking: ParkingService;
  events: EventBus;
  logger: Logger;
}

class CallProblem extends DomainProblem<KioskErrorCode> {}

/** Domain codes the kiosk knows under another name; every other domain code passes through. */
const KIOSK_CODE: Record<string, KioskErrorCode> = { invalid: 'invalid_input', conflict: 'already_member' };

/** Domain problems become error codes the kiosk turns into friendly words; anything else is "internal". */
function failure(err: unknown, logger: Logger, call: string): Ack<never> {
  if (err instanceof DomainProblem) return fail(KIOSK_CODE[err.code] ?? err.code, err.message);
  logger.error({ call, err: (err as Error).message }, 'kiosk call failed');
  return fail('internal', 'something went wrong; please try again');
}

/** Answers that must not be replayed for a retried requestId: the retry may well succeed. */
const TRANSIENT: ReadonlySet<string> = new Set(['internal', 'no_session']);

/**
 * The `/kiosk` namespace: a kiosk authenticates with its device token; a member
 * session belongs to the kiosk (opened by a scanned code, the phone link, or a
 * join), so it survives a Wi-Fi blip that replaces the socket, and is never
 * shared between kiosks. Handlers validate, call one service,
 * and acknowledge; mutating calls are idempotent by requestId.
 */
export function attachKioskNamespace(io: Server, deps: KioskDeps): { detach: () => void } {
  // The server is shared by several namespaces with different event maps, so each is typed where it is attached.
  const nsp = io.of('/kiosk') as unknown as KioskNamespace;
  const sessions = new Map<string, { memberId: number; lastCallAt: number }>();
  const room = (kioskId: string) => `kiosk:${kioskId}`;

  nsp.use((socket, next) => {
    const auth = parseWith(screenAuthSchema, socket.handshake.auth);
    if (!auth.ok) return next(new Error(`auth: ${auth.reason}`));
    deps.kiosks
      .authenticate(auth.value.deviceId, auth.value.token)
      .then((kiosk) => {
        if (!kiosk) return next(new Error('auth: unknown device or wrong token'));
        socket.data.kiosk = kiosk;
        next();
      })
      .catch(() => next(new Error('auth: temporarily unavailable')));
  });

  nsp.on('connection', (socket: KioskSocket) => {
    const kioskId = socket.data.kiosk.id;
    void socket.join(room(kioskId));
    void deps.kiosks.touch(kioskId).catch(() => undefined);
    const sessionOf = (): number => {
      const session = sessions.get(kioskId);
      if (!session) throw new CallProblem('no_session', 'scan your member code first');
      return session.memberId;
    };
    const openSession = async (memberId: number) => {
      sessions.set(kioskId, { memberId, lastCallAt: Date.now() });
      return deps.home.home(memberId);
    };

    function handle<K extends KioskCall, R>(name: K, run: (args: KioskArgs<K>) => Promise<R>): void {
      const listener = async (raw: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return;
        const reply = ack as (answer: Ack<R>) => void;
        const session = sessions.get(kioskId);
        if (session) session.lastCallAt = Date.now();
        const parsed = parseWith(kioskSchemas[name], raw ?? {});
        if (!parsed.ok) return reply(fail('invalid_input', parsed.reason));
        const requestId = (parsed.value as { requestId?: string }).requestId;
        if (requestId) {
          const earlier = await deps.kiosks.answered(kioskId, requestId).catch(() => undefined);
          if (earlier && earlier.call !== name) return reply(fail('invalid_input', `requestId ${requestId} was already used for ${earlier.call}`));
          if (earlier) return reply(JSON.parse(earlier.ackJson) as Ack<R>);
        }
        let answer: Ack<R>;
        try {
          answer = ok(await run(parsed.value as KioskArgs<K>));
        } catch (err) {
          answer = failure(err, deps.logger, name);
        }
        if (requestId && (answer.ok || !TRANSIENT.has(answer.error.code))) {
          await deps.kiosks.saveAnswer(kioskId, requestId, name, JSON.stringify(answer)).catch((err: Error) => deps.logger.error({ err: err.message }, 'could not store kiosk answer'));
        }
        reply(answer);
      };
      socket.on(name as never, listener as never);
    }

    handle('session:open', async ({ code }) => {
      sessions.delete(kioskId); // a new scan always ends the previous member's session first
      const check = deps.memberCodes.check(code);
      if (!check.ok) {
        throw check.reason === 'expired'
          ? new CallProblem('expired_code', 'this member code has expired; refresh it on your phone')
          : new CallProblem('invalid_code', 'this is not a valid member code');
      }
      return openSession(check.memberId);
    });
    handle('session:close', async () => {
      sessions.delete(kioskId);
      return { closed: true as const };
    });
    handle('member:home', async () => deps.home.home(sessionOf()));
    handle('checkin:create', async () => {
      const r = await deps.checkins.checkIn(sessionOf());
      return { isNew: r.isNew, streak: r.streak, points: r.points, bonus: r.bonus, balance: r.balance };
    });
    handle('coupon:claim', async ({ templateId }) => {
      const c = await deps.coupons.claim(sessionOf(), templateId, 'kiosk');
      return { code: c.code, templateId: c.templateId, title: c.title, kind: c.kind, status: c.status, validUntil: c.validUntil, discountFen: c.discountFen };
    });
    handle('reward:redeem', async ({ requestId, rewardId, plateId }) => {
      const r = await deps.rewards.redeem(sessionOf(), rewardId, { requestId: `kiosk:${kioskId}:${requestId}`, plateId });
      return { rewardId: r.rewardId, points: r.points, couponCode: r.couponCode, parkingHours: r.parkingHours, plate: r.plate, balance: r.balance };
    });
    handle('link:create', async () => deps.links.create(kioskId, socket.id));
    handle('join:request-code', async ({ phone }) => {
      const sent = await deps.otp.request(phone, `kiosk:${kioskId}`);
      return { sent: true as const, expiresAt: sent.expiresAt };
    });
    handle('join:complete', async ({ phone, otp, plate, noticeVersion }) => {
      const verified = await deps.otp.verify(phone, otp, true);
      // Proving the phone with a code is enough to open an existing member's session too.
      const existing = await deps.members.findIdByPhone(verified);
      if (existing !== undefined) return openSession(existing);
      const created = await deps.members.register({ phone: verified, plates: plate ? [plate] : undefined, privacyConsentAt: deps.clock.now().toISOString(), noticeVersion });
      deps.events.emit('memberJoined', { memberId: created.id, via: 'kiosk' });
      return openSession(created.id);
    });
    handle('car:find', async () => ({ cars: await deps.parking.carsOf(sessionOf()), timeZone: deps.parking.timeZone }));
    handle('feedback:submit', async ({ score, comment }) => {
      const { ticketId } = await deps.feedback.submit({ kioskId, memberId: sessions.get(kioskId)?.memberId ?? null, score, comment });
      return { thanks: true as const, ticketId };
    });
  });

  // The phone confirmed a link: open the member's session on the kiosk that showed the code.
  const offLink = deps.events.on('kioskLinkConfirmed', ({ kioskId, memberId }) => {
    sessions.set(kioskId, { memberId, lastCallAt: Date.now() });
    deps.home.home(memberId).then(
      (home) => nsp.to(room(kioskId)).emit('session:opened', home),
      (err: Error) => deps.logger.error({ kioskId, err: err.message }, 'could not open linked session'),
    );
  });

  // Safety net behind the page's own 60 s timeout: a forgotten session ends on the hub too.
  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const [kioskId, session] of sessions) {
      if (now - session.lastCallAt > SERVER_SESSION_IDLE_MS) {
        sessions.delete(kioskId);
        nsp.to(room(kioskId)).emit('session:closed', { reason: 'expired' });
      }
    }
  }, 15_000);
  sweeper.unref();

  return {
    detach: () => {
      offLink();
      clearInterval(sweeper);
    },
  };
}
