import type { CheckinAnswer, CouponCard, LinkCode, MemberHome, ParkedCar, RedemptionAnswer } from '@atrium/shared';
import type { KioskClient } from './kiosk-socket.js';
import type { KioskKey } from './i18n.js';
import type { KioskState } from './state/kiosk.svelte.js';
import { PRIVACY_NOTICE_VERSION } from './privacy-notice.js';

/** Refresh the phone-link QR this long before it expires, so a phone never scans a dead one. */
const LINK_MARGIN_MS = 20_000;
const LINK_MIN_MS = 10_000;
const LINK_MAX_MS = 10 * 60_000;
const LINK_RETRY_MS = 15_000;

/**
 * What a tap or a scan does: one method per intent, each turning into hub calls through the
 * client and into state changes. Every answer is checked against the session it was asked
 * for (`sessionKey`), so a late answer never lands on the next member's screen.
 */
export class KioskActions {
  readonly #state: KioskState;
  readonly #client: KioskClient;
  #opening = false;
  /** The hub has not yet heard that the last session ended (we were offline). */
  #closeOwed = false;
  #closeQueued = false;

  constructor(state: KioskState, client: KioskClient) {
    this.#state = state;
    this.#client = client;
    state.onIdleTimeout = () => this.done('session_ended');
    client.onConnect(() => this.#reconnected());
  }

  // --- sessions -------------------------------------------------------------------------

  /** A member code arrived from the scanner or the camera. */
  async scan(code: string): Promise<void> {
    const state = this.#state;
    if (this.#opening) return;
    if (!state.online) {
      state.sayError('offline');
      return;
    }
    this.#opening = true;
    try {
      // A new code ends whatever was on screen first, even if the new code turns out bad.
      if (state.session || state.screen !== 'attract') this.done();
      const ack = await this.#client.inOrder(() => this.#client.call('session:open', { code }));
      if (!ack.ok) {
        state.sayError(ack.error.code);
        return;
      }
      this.#closeOwed = false;
      state.openSession(ack.data);
    } finally {
      this.#opening = false;
    }
  }

  /** "Done", the idle countdown, or a new scan: the screen forgets the member at once. */
  done(notice?: KioskKey): void {
    const hadSession = this.#state.session !== null;
    this.#state.endSession(notice);
    if (hadSession) {
      this.#closeOwed = true;
      this.#sendClose();
    }
  }

  /** Fetches the member home again (after a reconnect, after a change). */
  async refreshHome(): Promise<void> {
    const state = this.#state;
    const key = state.sessionKey;
    if (!state.session) return;
    const ack = await this.#client.call('member:home', {});
    if (key !== state.sessionKey) return;
    if (ack.ok) state.updateSession(key, () => ack.data);
    else if (ack.error.code === 'no_session') state.endSession('session_expired');
  }

  // --- member home ------------------------------------------------------------------------

  async checkin(): Promise<CheckinAnswer | null> {
    const key = this.#state.sessionKey;
    const ack = await this.#client.change('checkin:create', {});
    if (!this.#stillFor(key)) return null;
    if (!ack.ok) return this.#refused(ack.error.code);
    const answer = ack.data;
    this.#state.updateSession(key, (home) => ({
      ...home,
      member: { ...home.member, points: answer.balance },
      checkin: { doneToday: true, streak: answer.streak },
    }));
    void this.refreshHome();
    return answer;
  }

  async claim(templateId: number): Promise<CouponCard | null> {
    const key = this.#state.sessionKey;
    const ack = await this.#client.change('coupon:claim', { templateId });
    if (!this.#stillFor(key)) return null;
    if (!ack.ok) {
      this.#refused(ack.error.code);
      // Stock or eligibility changed under us: show the hub's current wall.
      void this.refreshHome();
      return null;
    }
    const card = ack.data;
    this.#state.updateSession(key, (home) => ({
      ...home,
      coupons: [card, ...home.coupons.filter((c) => c.code !== card.code)],
      couponWall: home.couponWall.map((offer) =>
        offer.templateId === templateId ? { ...offer, stockLeft: Math.max(0, offer.stockLeft - 1) } : offer,
      ),
    }));
    this.#state.say('claim_ok', 'ok');
    void this.refreshHome();
    return card;
  }

  async redeem(rewardId: number, plateId?: string): Promise<RedemptionAnswer | null> {
    const key = this.#state.sessionKey;
    const ack = await this.#client.change('reward:redeem', plateId ? { rewardId, plateId } : { rewardId });
    if (!this.#stillFor(key)) return null;
    if (!ack.ok) {
      this.#refused(ack.error.code);
      void this.refreshHome();
      return null;
    }
    const answer = ack.data;
    this.#state.updateSession(key, (home) => ({ ...home, member: { ...home.member, points: answer.balance } }));
    void this.refreshHome();
    return answer;
  }

  /**
   * Find my car: the member's cars in the car park now. A read, so not retried: the panel
   * shows the friendly error and a button to ask again. Null when the session ended meanwhile.
   */
  async findCar(): Promise<{ ok: true; cars: ParkedCar[]; timeZone: string } | { ok: false; error: string } | null> {
    const key = this.#state.sessionKey;
    const ack = await this.#client.call('car:find', {});
    if (!this.#stillFor(key)) return null;
    if (ack.ok) return { ok: true, cars: ack.data.cars, timeZone: ack.data.timeZone };
    if (ack.error.code === 'no_session') {
      this.#state.endSession('session_expired');
      return null;
    }
    return { ok: false, error: ack.error.code };
  }

  // --- phone link -------------------------------------------------------------------------

  /**
   * Keeps a fresh phone-link QR in state while the attract screen shows; returns the function
   * that stops (the attract screen's effect cleanup).
   */
  keepLinkFresh(): () => void {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = async () => {
      const ack = await this.#client.call('link:create', {});
      if (stopped) return;
      let wait = LINK_RETRY_MS;
      if (ack.ok) {
        this.#state.setLink(ack.data);
        wait = linkRefreshIn(ack.data, Date.now());
      } else {
        this.#state.setLink(null);
      }
      timer = setTimeout(() => void refresh(), wait);
    };
    void refresh();
    return () => {
      stopped = true;
      clearTimeout(timer);
      this.#state.setLink(null);
    };
  }

  // --- join -------------------------------------------------------------------------------

  /** Sends the one-time code; the answer's error (rate_limited…) is for the caller to show. */
  async requestJoinCode(phone: string): Promise<{ sent: true; expiresAt: string } | null> {
    const ack = await this.#client.call('join:request-code', { phone });
    if (!ack.ok) {
      this.#state.sayError(ack.error.code);
      return null;
    }
    return ack.data;
  }

  async completeJoin(form: { phone: string; otp: string; plate?: string }): Promise<MemberHome | null> {
    const ack = await this.#client.change('join:complete', {
      phone: form.phone,
      otp: form.otp,
      consent: true,
      noticeVersion: PRIVACY_NOTICE_VERSION,
      ...(form.plate ? { plate: form.plate } : {}),
    });
    // The visitor walked away (idle) while this was pending: do not open a session on the
    // screen, and tell the hub to close the one it opened.
    if (this.#state.screen !== 'join') {
      if (ack.ok && !this.#state.session) {
        this.#closeOwed = true;
        this.#sendClose();
      }
      return null;
    }
    if (!ack.ok) {
      this.#state.sayError(ack.error.code);
      return null;
    }
    this.#closeOwed = false;
    this.#state.openSession(ack.data);
    this.#state.say('join_welcome', 'ok');
    return ack.data;
  }

  // --- feedback ---------------------------------------------------------------------------

  async submitFeedback(score: number, comment?: string): Promise<boolean> {
    const ack = await this.#client.change('feedback:submit', comment ? { score, comment } : { score });
    if (!ack.ok) {
      if (this.#state.screen === 'feedback') this.#state.sayError(ack.error.code);
      return false;
    }
    return true;
  }

  // --- internals --------------------------------------------------------------------------

  #stillFor(key: number): boolean {
    return key === this.#state.sessionKey && this.#state.session !== null;
  }

  #refused(code: string): null {
    if (code === 'no_session') this.#state.endSession('session_expired');
    else this.#state.sayError(code);
    return null;
  }

  #sendClose(): void {
    if (this.#closeQueued) return;
    this.#closeQueued = true;
    // After every pending change: a check-in tapped just before "Done" still reaches the hub first.
    void this.#client.inOrder(async () => {
      this.#closeQueued = false;
      // A session opened since: the hub replaced the old one, so there is nothing to close.
      if (!this.#closeOwed || this.#state.session) return;
      const ack = await this.#client.call('session:close', {});
      if (ack.ok || ack.error.code === 'no_session') this.#closeOwed = false;
    });
  }

  #reconnected(): void {
    if (this.#state.session) void this.refreshHome();
    else if (this.#closeOwed) this.#sendClose();
  }
}

/** When to ask for the next phone-link code. */
export function linkRefreshIn(link: LinkCode, now: number): number {
  const left = Date.parse(link.expiresAt) - now;
  if (!Number.isFinite(left)) return LINK_RETRY_MS;
  return Math.min(Math.max(left - LINK_MARGIN_MS, LINK_MIN_MS), LINK_MAX_MS);
}
