import { locales, translate, type Lang, type MessageKey, type Vars } from '../i18n.js';
import { DEFAULT_TIME_ZONE } from '../time.js';

export const PAGES = ['content', 'playlists', 'schedule', 'screens', 'emergency', 'preview', 'plays', 'parking'] as const;
export type Page = (typeof PAGES)[number];

export interface ConsoleMessage {
  id: number;
  kind: 'ok' | 'error';
  text: string;
}

const LANG_KEY = 'atrium.console.lang';
const OK_MESSAGE_MS = 5_000;

function parseHash(hash: string): { page: Page; param: string | null } {
  const [, first, second] = hash.replace(/^#/, '').split('/');
  const page = (PAGES as readonly string[]).includes(first ?? '') ? (first as Page) : 'content';
  return { page, param: second ? decodeURIComponent(second) : null };
}

/** Language, hash route, the one message area, the mall's time zone and a clock for "x min ago". */
export class UiState {
  lang = $state<Lang>('zh');
  page = $state<Page>('content');
  /** The part after the page: `#/playlists/3` → "3". */
  param = $state<string | null>(null);
  message = $state.raw<ConsoleMessage | null>(null);
  /** The mall's zone: every day, weekday and time in the console is read on its clock. */
  timeZone = $state(DEFAULT_TIME_ZONE);
  /** Ticks every 15 s so relative times ("2 min ago") stay fresh. */
  now = $state(Date.now());

  readonly locale = $derived(locales[this.lang]);

  #messageSeq = 0;
  #messageTimer: ReturnType<typeof setTimeout> | undefined;
  #clock: ReturnType<typeof setInterval> | undefined;
  readonly #storage: Pick<Storage, 'getItem' | 'setItem'> | null;

  constructor(storage: Pick<Storage, 'getItem' | 'setItem'> | null) {
    this.#storage = storage;
    const saved = storage?.getItem(LANG_KEY);
    if (saved === 'zh' || saved === 'en') this.lang = saved;
  }

  t = (key: MessageKey, vars?: Vars): string => translate(this.lang, key, vars);

  toggleLang(): void {
    this.lang = this.lang === 'zh' ? 'en' : 'zh';
    this.#storage?.setItem(LANG_KEY, this.lang);
  }

  /** Follows `location.hash`; returns the cleanup. */
  startRouting(win: Window): () => void {
    let initialised = false;
    const read = () => {
      const { page, param } = parseHash(win.location.hash);
      // An error belongs to the page it happened on; moving on clears it.
      if (page !== this.page) {
        if (this.message?.kind === 'error') this.dismiss();
        // A new page starts at its top, not where the last one was scrolled to.
        if (initialised) win.scrollTo(0, 0);
      }
      initialised = true;
      this.page = page;
      this.param = param;
    };
    read();
    win.addEventListener('hashchange', read);
    this.#clock = setInterval(() => (this.now = Date.now()), 15_000);
    return () => {
      win.removeEventListener('hashchange', read);
      clearInterval(this.#clock);
    };
  }

  /** Success notes fade on their own; errors stay until replaced or dismissed. */
  say(kind: ConsoleMessage['kind'], text: string): void {
    clearTimeout(this.#messageTimer);
    const message = { id: ++this.#messageSeq, kind, text };
    this.message = message;
    if (kind === 'ok') this.#messageTimer = setTimeout(() => this.dismiss(message.id), OK_MESSAGE_MS);
  }

  dismiss(id?: number): void {
    if (id !== undefined && this.message?.id !== id) return;
    clearTimeout(this.#messageTimer);
    this.message = null;
  }

  setTimeZone(zone: string | undefined | null): void {
    if (!zone) return;
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      this.timeZone = zone;
    } catch {
      // An unknown zone name from the hub: keep the default rather than break every date.
    }
  }
}
