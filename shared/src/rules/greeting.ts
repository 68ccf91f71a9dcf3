import type { Localized, ScreenOffer } from '../socket/screen.events.js';

export interface GreetedMember {
  tierName: Localized;
  tierCode: string;
  maskedPlate: string;
  points: number;
  freeParkingHours: number;
}

const groupDigits = (n: number) => n.toLocaleString('en-US');

/**
 * What a barrier display shows when a member's car arrives:
 * "Welcome back, Gold member · 浙C·***45 · 3 h free parking · 12,480 points".
 */
export function memberGreeting(id: string, member: GreetedMember, ttlMs: number): ScreenOffer {
  const lines: Localized[] = [{ zh: member.maskedPlate, en: member.maskedPlate }];
  if (member.freeParkingHours > 0) {
    lines.push({ zh: `本次免费停车 ${member.freeParkingHours} 小时`, en: `${member.freeParkingHours} h free parking this visit` });
  }
  lines.push({ zh: `积分 ${groupDigits(member.points)}`, en: `${groupDigits(member.points)} points` });
  return {
    id,
    kind: 'greeting',
    ttlMs,
    title: { zh: `欢迎回来，${member.tierName.zh}会员`, en: `Welcome back, ${member.tierName.en} member` },
    lines,
    greeting: member,
  };
}

/** What a stranger's car sees: a welcome and a QR code to join. */
export function strangerWelcome(id: string, maskedPlate: string, qr: { url: string; dataUrl: string }, ttlMs: number): ScreenOffer {
  return {
    id,
    kind: 'welcome',
    ttlMs,
    title: { zh: '欢迎光临', en: 'Welcome' },
    lines: [
      { zh: maskedPlate, en: maskedPlate },
      { zh: '扫码成为会员，享停车优惠', en: 'Scan to join and park for less' },
    ],
    qr,
  };
}

/** The short LED lines on the barrier itself (ASCII-safe panels show the English line). */
export function barrierLines(offer: ScreenOffer): string[] {
  return [offer.title.zh, ...offer.lines.map((l) => l.zh)].slice(0, 4);
}
