import type { KioskCall, LinkCode, Localized, MemberHome } from '@atrium/shared';
import { errorText, kioskText, type KioskKey, type Vars } from '../i18n.js';
import { Locale } from './locale.svelte.js';

export type Connection = 'connecting' | 'online' | 'offline';
export type Screen = 'attract' | 'home' | 'join' | 'feedback';
export type Tone = 'info' | 'ok' | 'error';

export interface Notice {
  id: number;
  /** Both languages: a message may be read by someone who has not chosen one yet. */
  text: Localized;
  tone: Tone;
}

/** A call the kiosk made and the hub has not answered yet. */
export interface PendingCall {
  requestId: string;
  name: KioskCall;
  since: number;
  attempts: number;
  /** Waiting for the connection to come back before trying again. */
  waiting: boolean;
}

export interface IdleOptions {
  /** Quiet time in a member session before the countdown shows. */
  idleMs?: number;
  /** Length of the visible countdown, in seconds. */
  countdownSeconds?: number;
  noticeMs?: number;
}

/**
 * Everything the kiosk shows. Nothing here talks to the hub: `kiosk-socket.ts` feeds the
 * connection and the hub's pushes in, `kiosk-actions.ts` turns taps into calls.
 *
 * Privacy: `session` is the only place member data lives. Ending a session drops it, the
 * notice (which may name a reward or a plate), the language choice, and bumps `sessionKey`,
 * which the page uses to throw away every component that showed the member, with their
 * local state; answers that arrive afterwards for the old session are discarded by key.
 */
export class KioskState {
  readonly deviceId: string;
  readonly locale = new Locale(kioskText);

  connection = $state<Connection>('connecting');
  /** Why the kiosk is not connected, small print for an installer. */
  connectionProblem = $state<string | null>(null);

  screen = $state<Screen>('attract');
  /** Where Feedback returns to. */
  feedbackFrom = $state<'attract' | 'home'>('attract');

  // Server-sent objects are replaced whole, never mutated: raw state skips the deep proxy.
  session = $state.raw<MemberHome | null>(null);
  /** Changes whenever a member session opens or ends. */
  sessionKey = $state(0);
  /** The phone-link QR shown on the attract screen. */
  link = $state.raw<LinkCode | null>(null);
  pending = $state.raw<PendingCall[]>([]);
  notice = $state.raw<Notice | null>(null);
  /** Seconds left on the "Still there?" countdown; null while it is not showing. */
  idleSecondsLeft = $state<number | null>(null);

  readonly online = $derived(this.connection === 'online');
  /** A call is waiting for the hub to come back. */
  readonly stalled = $derived(this.pending.some((call) => call.waiting));

  /** Called when the countdown runs out; the actions close the session. */
  onIdleTimeout: () => void = () => this.endSession();

  readonly #idleMs: number;
  readonly #countdownSeconds: number;
  readonly #noticeMs: number;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #countdownTimer: ReturnType<typeof setInterval> | undefined;
  #noticeTimer: ReturnType<typeof setTimeout> | undefined;
  #noticeId = 0;

  constructor(deviceId: string, options: IdleOptions = {}) {
    this.deviceId = deviceId;
    this.#idleMs = options.idleMs ?? 60_000;
    this.#countdownSeconds = options.countdownSeconds ?? 10;
    this.#noticeMs = options.noticeMs ?? 7_000;
  }

  // --- connection ------------------------------------------------------------------------

  setOnline(): void {
    this.connection = 'online';
    this.connectionProblem = null;
  }

  setOffline(problem: string | null = null): void {
    this.connection = 'offline';
    this.connectionProblem = problem;
    // A phone-link code cannot be confirmed while the hub is away: do not show it.
    this.link = null;
  }

  setPending(calls: PendingCall[]): void {
    this.pending = calls;
  }

  setLink(link: LinkCode | null): void {
    this.link = link;
  }

  // --- screens and session -------------------------------------------------------------

  openSession(home: MemberHome): void {
    this.#clearMemberTraces();
    this.session = home;
    this.screen = 'home';
    this.touch();
  }

  /** Replaces the member home with a fresher copy from the hub, for the same session only. */
  updateSession(key: number, update: (home: MemberHome) => MemberHome): void {
    if (key !== this.sessionKey || !this.session) return;
    this.session = update(this.session);
  }

  /** Back to the attract loop, with nothing of the last visitor left. */
  endSession(notice?: KioskKey): void {
    this.#clearMemberTraces();
    // The next visitor starts in Chinese; the language chosen before a scan or in Join stays.
    this.locale.reset();
    this.screen = 'attract';
    this.feedbackFrom = 'attract';
    this.#stopIdle();
    if (notice) this.say(notice, 'info');
  }

  go(screen: Exclude<Screen, 'home'>): void {
    if (screen === 'feedback') this.feedbackFrom = this.session ? 'home' : 'attract';
    this.notice = null;
    this.screen = screen;
    if (screen === 'attract') this.#stopIdle();
    else this.touch();
  }

  /** Leaves Feedback for where it was opened from. */
  leaveFeedback(): void {
    if (this.feedbackFrom === 'home' && this.session) {
      this.screen = 'home';
      this.touch();
    } else {
      this.endSession();
    }
  }

  #clearMemberTraces(): void {
    this.session = null;
    this.sessionKey += 1;
    this.notice = null;
    clearTimeout(this.#noticeTimer);
  }

  // --- messages ---------------------------------------------------------------------------

  say(key: KioskKey, tone: Tone = 'info', vars?: Vars): void {
    this.#show(this.locale.both(key, vars), tone);
  }

  sayError(code: string): void {
    this.#show(errorText(code), 'error');
  }

  dismissNotice(): void {
    clearTimeout(this.#noticeTimer);
    this.notice = null;
  }

  #show(text: Localized, tone: Tone): void {
    clearTimeout(this.#noticeTimer);
    const id = ++this.#noticeId;
    this.notice = { id, text, tone };
    this.#noticeTimer = setTimeout(() => {
      if (this.notice?.id === id) this.notice = null;
    }, this.#noticeMs);
  }

  // --- idle -------------------------------------------------------------------------------

  /**
   * A touch or key anywhere. While the countdown shows it does not count: the overlay is
   * dismissed by its own tap, so the tap that dismisses it never lands on a button beneath.
   */
  activity(): void {
    if (this.idleSecondsLeft === null) this.touch();
  }

  /** Someone touched the screen (or a scanner typed): the idle clock starts again. */
  touch(): void {
    if (this.screen === 'attract') return;
    this.#stopIdle();
    this.#idleTimer = setTimeout(() => this.#startCountdown(), this.#idleMs);
  }

  #startCountdown(): void {
    this.idleSecondsLeft = this.#countdownSeconds;
    this.#countdownTimer = setInterval(() => {
      const left = (this.idleSecondsLeft ?? 1) - 1;
      if (left > 0) {
        this.idleSecondsLeft = left;
        return;
      }
      this.#stopIdle();
      this.onIdleTimeout();
    }, 1_000);
  }

  #stopIdle(): void {
    clearTimeout(this.#idleTimer);
    clearInterval(this.#countdownTimer);
    this.#idleTimer = undefined;
    this.#countdownTimer = undefined;
    this.idleSecondsLeft = null;
  }

  dispose(): void {
    this.#stopIdle();
    clearTimeout(this.#noticeTimer);
  }
}
