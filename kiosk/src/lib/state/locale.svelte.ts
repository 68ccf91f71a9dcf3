import type { Localized } from '@atrium/shared';
import { both, otherLang, translate, type Dictionary, type Lang, type Vars } from '../i18n.js';

/** The language a page speaks now, and its dictionary. zh-CN unless someone taps the toggle. */
export class Locale<K extends string> {
  lang = $state<Lang>('zh');
  readonly #dict: Dictionary<K>;

  constructor(dict: Dictionary<K>, lang: Lang = 'zh') {
    this.#dict = dict;
    this.lang = lang;
  }

  /** Arrow functions so components can pass `t` around unbound. */
  t = (key: K, vars?: Vars): string => translate(this.#dict, this.lang, key, vars);
  /** The same text in the language not chosen, shown small where nobody has chosen yet. */
  other = (key: K, vars?: Vars): string => translate(this.#dict, otherLang(this.lang), key, vars);
  both = (key: K, vars?: Vars): Localized => both(this.#dict, key, vars);
  /** Picks the current language from text the hub sent in both. */
  pick = (text: Localized | null | undefined): string => (text ? text[this.lang] || text.zh : '');

  toggle = (): void => {
    this.lang = otherLang(this.lang);
  };

  reset(): void {
    this.lang = 'zh';
  }
}
