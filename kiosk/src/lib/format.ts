import type { Lang } from './i18n.js';

/** Money is integer fen everywhere; shown as yuan with two decimals. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const whole = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${grouped(whole)}.${cents}`;
}

/** Points are integers with thousands grouped: 12480 → "12,480". */
export function grouped(n: number): string {
  return Math.trunc(n).toLocaleString('en-US');
}

/** A signed points change: "+120", "-500". */
export function signedPoints(delta: number): string {
  return `${delta > 0 ? '+' : ''}${grouped(delta)}`;
}

/** A calendar date in the kiosk's own time zone, which is the mall's. */
export function day(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { year: 'numeric', month: 'short', day: 'numeric' }).format(date);
}

export function dayTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/**
 * A time of day, 24-hour "HH:MM", in the mall's time zone when the hub gave it (else the
 * kiosk's own); with the date in front when it is not today, so "22:15" is never read as tonight.
 */
export function clockTime(iso: string, lang: Lang, now: number, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(date);
  const dayOf = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
  if (dayOf.format(date) === dayOf.format(new Date(now))) return time;
  return `${new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone }).format(date)} ${time}`;
}

/** How long ago `iso` was, in whole days, hours and minutes (never negative). */
export function elapsed(iso: string, now: number): { d: number; h: number; m: number } {
  const at = Date.parse(iso);
  const minutes = Number.isFinite(at) ? Math.max(0, Math.floor((now - at) / 60_000)) : 0;
  return { d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60), m: minutes % 60 };
}

/** Whole seconds from `now` until `iso`, never negative. */
export function secondsUntil(iso: string, now: number): number {
  const at = Date.parse(iso);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : 0;
}

/**
 * What a keypad field shows while someone types a phone number or a plate: the characters
 * outside `keep` positions are masked, except the one just typed, so the typist can check
 * each key while someone behind them cannot read the whole number.
 */
export function maskWhileTyping(value: string, visible: (index: number, length: number) => boolean): string {
  const chars = Array.from(value);
  return chars.map((ch, i) => (i === chars.length - 1 || visible(i, chars.length) ? ch : '•')).join('');
}

/** Phone digits: the first 3 and the last 4 of 11 show, as in "138****5678". */
export const phoneVisible = (index: number): boolean => index < 3 || index >= 7;
/** Plates: the province and the city letter show, as in "浙C·***45" (the tail shows once typed). */
export const plateVisible = (index: number): boolean => index < 2;
