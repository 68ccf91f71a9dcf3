/**
 * Member codes: the text inside a member's QR code (docs/protocol.md, "Member codes").
 *
 *   ATM1.<memberId base36>.<expiry, unix seconds base36>.<signature>
 *
 * The signature is an HMAC over everything before it, made with a key only the hub
 * holds; the hub injects the MAC function so these rules stay pure and run in
 * browsers too. The code names the member by id, never by phone.
 */
export const MEMBER_CODE_PREFIX = 'ATM1';
export const MEMBER_CODE_TTL_SECONDS = 5 * 60;

/** Computes the signature text of a signed body (base64url, any fixed length). */
export type MacFn = (body: string) => string;

export function encodeMemberCode(memberId: number, expiresAt: Date, mac: MacFn): string {
  const body = `${MEMBER_CODE_PREFIX}.${memberId.toString(36)}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
  return `${body}.${mac(body)}`;
}

export type MemberCodeCheck =
  | { ok: true; memberId: number; expiresAt: Date }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

const CODE = /^ATM1\.([0-9a-z]{1,11})\.([0-9a-z]{1,9})\.([A-Za-z0-9_-]{8,64})$/;

export function decodeMemberCode(text: string, now: Date, mac: MacFn): MemberCodeCheck {
  const match = CODE.exec(text.trim());
  if (!match) return { ok: false, reason: 'malformed' };
  const [, id36, exp36, signature] = match as unknown as [string, string, string, string];
  const expected = mac(`${MEMBER_CODE_PREFIX}.${id36}.${exp36}`);
  if (!constantTimeEqual(expected, signature)) return { ok: false, reason: 'forged' };
  const expiresAt = new Date(parseInt(exp36, 36) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, memberId: parseInt(id36, 36), expiresAt };
}

/** Compares without an early exit so timing does not reveal how much of a forged signature was right. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
