import type { Localized, MemberPassView } from '@atrium/shared';
import { errorText, passText, type Lang, type PassKey, type Vars } from '../i18n.js';
import type { MemberCode } from '../pass-api.js';
import { Locale } from './locale.svelte.js';

export type PassRoute =
  | { name: 'home' }
  /** /m/join: the barrier display's "scan to join" QR; `ref` carries a referral code. */
  | { name: 'join'; referralCode: string | null }
  /** /m/link?code=…: confirm opening this account on a kiosk. */
  | { name: 'link'; code: string };

export type Auth = 'checking' | 'anonymous' | 'member' | 'unreachable';

export interface PassNotice {
  id: number;
  text: Localized;
  tone: 'ok' | 'error' | 'info';
}

/** Which page of the pass a URL asks for (the hub serves m.html at /m, /m/join, /m/link). */
export function routeFrom(url: URL): PassRoute {
  const path = url.pathname.replace(/\/+$/, '');
  if (path.endsWith('/m/link')) {
    const code = url.searchParams.get('code');
    if (code) return { name: 'link', code };
  }
  if (path.endsWith('/m/join')) return { name: 'join', referralCode: url.searchParams.get('ref') };
  return { name: 'home' };
}

const LANG_KEY = 'atrium.pass.lang';

/**
 * What the member pass shows. It lives on the member's own phone, so (unlike the kiosk) the
 * language choice is remembered; the account itself is only ever in memory and behind the
 * hub's cookie.
 */
export class PassState {
  readonly locale = new Locale(passText, storedLang());

  route = $state.raw<PassRoute>({ name: 'home' });
  auth = $state<Auth>('checking');
  view = $state.raw<MemberPassView | null>(null);
  code = $state.raw<MemberCode | null>(null);
  /** The member QR could not be fetched; the page offers a retry. */
  codeFailed = $state(false);
  notice = $state.raw<PassNotice | null>(null);

  #noticeTimer: ReturnType<typeof setTimeout> | undefined;
  #noticeId = 0;

  constructor(route: PassRoute) {
    this.route = route;
  }

  setView(view: MemberPassView): void {
    this.view = view;
    this.auth = 'member';
  }

  setCode(code: MemberCode | null, failed = false): void {
    this.code = code;
    this.codeFailed = failed;
  }

  signedOut(): void {
    this.view = null;
    this.code = null;
    this.codeFailed = false;
    this.auth = 'anonymous';
  }

  go(route: PassRoute, url?: string): void {
    this.route = route;
    if (url) history.replaceState(null, '', url);
  }

  setLang(lang: Lang): void {
    this.locale.lang = lang;
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this page.
    }
  }

  toggleLang = (): void => this.setLang(this.locale.lang === 'zh' ? 'en' : 'zh');

  say(key: PassKey, tone: PassNotice['tone'] = 'ok', vars?: Vars): void {
    this.#show(this.locale.both(key, vars), tone);
  }

  sayError(code: string): void {
    this.#show(errorText(code), 'error');
  }

  dismissNotice(): void {
    clearTimeout(this.#noticeTimer);
    this.notice = null;
  }

  #show(text: Localized, tone: PassNotice['tone']): void {
    clearTimeout(this.#noticeTimer);
    const id = ++this.#noticeId;
    this.notice = { id, text, tone };
    this.#noticeTimer = setTimeout(() => {
      if (this.notice?.id === id) this.notice = null;
    }, 6_000);
  }
}

function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}
