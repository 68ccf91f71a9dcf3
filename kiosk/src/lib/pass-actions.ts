import type { MemberPassView } from '@atrium/shared';
import type { ApiResult, JoinDetails, LinkInfo, PassApi } from './pass-api.js';
import type { PassState } from './state/pass.svelte.js';

/** Refresh the member QR this long before it expires, so a till never reads a dead code. */
export const CODE_MARGIN_MS = 30_000;
const CODE_MIN_MS = 5_000;

export type LoginOutcome = 'member' | 'not_a_member' | 'failed';

/** What the member's taps on the pass do: API calls in, state changes out. */
export class PassActions {
  readonly #state: PassState;
  readonly #api: PassApi;

  constructor(state: PassState, api: PassApi) {
    this.#state = state;
    this.#api = api;
  }

  /** On load: is there a member session behind the cookie? */
  async start(): Promise<void> {
    this.#state.auth = 'checking';
    const result = await this.#api.me();
    if (result.ok) this.#state.setView(result.data);
    else if (result.status === 401) this.#state.signedOut();
    else this.#state.auth = 'unreachable';
  }

  async sendOtp(phone: string): Promise<boolean> {
    const result = await this.#api.requestOtp(phone);
    if (!result.ok) {
      this.#state.sayError(result.status === 400 ? 'invalid_phone' : result.error.code);
      return false;
    }
    this.#state.say('sent', 'info');
    return true;
  }

  async login(phone: string, otp: string, join?: JoinDetails): Promise<LoginOutcome> {
    const result = await this.#api.login(phone, otp, join);
    if (result.ok) {
      this.#state.setView(result.data);
      return 'member';
    }
    if (result.status === 404 && result.error.code === 'not_a_member') return 'not_a_member';
    this.#state.sayError(result.status === 401 ? 'wrong_otp' : result.error.code);
    return 'failed';
  }

  async logout(): Promise<void> {
    await this.#api.logout();
    this.#state.signedOut();
    this.#state.go({ name: 'home' }, '/m');
  }

  /** Fetches a fresh member QR; returns when to fetch the next one (ms). */
  async refreshCode(): Promise<number> {
    const result = await this.#api.code();
    if (!result.ok) {
      if (result.status === 401) this.#state.signedOut();
      // Keep showing the last code (it may have a few seconds left) and say it is stale.
      else this.#state.setCode(this.#state.code, true);
      return 15_000;
    }
    this.#state.setCode(result.data);
    const left = Date.parse(result.data.expiresAt) - Date.now();
    return Number.isFinite(left) ? Math.max(left - CODE_MARGIN_MS, CODE_MIN_MS) : 15_000;
  }

  addPlate(plate: string): Promise<boolean> {
    return this.#update(this.#api.addPlate(plate));
  }

  removePlate(id: string): Promise<boolean> {
    return this.#update(this.#api.removePlate(id));
  }

  setMarketing(marketing: boolean): Promise<boolean> {
    return this.#update(this.#api.setMarketing(marketing));
  }

  async privacyRequest(kind: 'export' | 'delete'): Promise<boolean> {
    const result = await this.#api.privacyRequest(kind);
    if (!this.#handled(result) || !result.ok) return false;
    this.#state.say('request_received', 'ok', { date: result.data.createdAt.slice(0, 10) });
    // The request list is part of the view.
    const me = await this.#api.me();
    if (me.ok) this.#state.setView(me.data);
    return true;
  }

  async linkInfo(code: string): Promise<LinkInfo | 'expired' | null> {
    const result = await this.#api.linkInfo(code);
    if (result.ok) return result.data;
    if (result.status === 404 || result.status === 410) return 'expired';
    this.#handled(result);
    return null;
  }

  async confirmLink(code: string): Promise<boolean> {
    const result = await this.#api.confirmLink(code);
    if (result.ok) return true;
    if (result.status === 404 || result.status === 410) this.#state.sayError('link_expired');
    else this.#handled(result);
    return false;
  }

  async #update(pending: Promise<ApiResult<MemberPassView>>): Promise<boolean> {
    const result = await pending;
    if (!this.#handled(result) || !result.ok) return false;
    this.#state.setView(result.data);
    return true;
  }

  /** Shows an error; a lost session sends the member back to log in. False if it was an error. */
  #handled<T>(result: ApiResult<T>): boolean {
    if (result.ok) return true;
    if (result.status === 401) this.#state.signedOut();
    else this.#state.sayError(result.error.code);
    return false;
  }
}
