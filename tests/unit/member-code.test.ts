import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeMemberCode, encodeMemberCode, MEMBER_CODE_TTL_SECONDS, type MacFn } from '@atrium/shared';

const mac =
  (key: string): MacFn =>
  (body) =>
    createHmac('sha256', key).update(body).digest('base64url').slice(0, 16);
const hubMac = mac('hub-key');
const issuedAt = new Date('2026-11-25T10:00:00+08:00');
const expiresAt = new Date(issuedAt.getTime() + MEMBER_CODE_TTL_SECONDS * 1000);

describe('member codes', () => {
  const code = encodeMemberCode(4242, expiresAt, hubMac);

  it('has the documented shape and names no phone number', () => {
    expect(code).toMatch(/^ATM1\.[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]{16}$/);
    expect(code.split('.')[1]).toBe((4242).toString(36));
  });

  it('is accepted until it expires, naming its member', () => {
    expect(decodeMemberCode(code, issuedAt, hubMac)).toEqual({ ok: true, memberId: 4242, expiresAt });
    const justBefore = new Date(expiresAt.getTime() - 1000);
    expect(decodeMemberCode(code, justBefore, hubMac).ok).toBe(true);
  });

  it('is refused as expired from its expiry on', () => {
    expect(decodeMemberCode(code, expiresAt, hubMac)).toEqual({ ok: false, reason: 'expired' });
  });

  it.each([
    ['another key', encodeMemberCode(4242, expiresAt, mac('other-key'))],
    ['a changed member id', code.replace(`.${(4242).toString(36)}.`, `.${(4243).toString(36)}.`)],
    ['a later expiry', code.replace(/\.([0-9a-z]+)\.([^.]+)$/, (_m, exp: string, sig: string) => `.${(parseInt(exp, 36) + 3600).toString(36)}.${sig}`)],
  ])('is refused as forged when signed with %s', (_what, forged) => {
    expect(decodeMemberCode(forged, issuedAt, hubMac)).toEqual({ ok: false, reason: 'forged' });
  });

  it.each(['', 'hello', 'ATM1.abc', 'ATM2.1.2.abcdefghijklmnop', 'ATM1.1.2.short'])('refuses %j as malformed', (text) => {
    expect(decodeMemberCode(text, issuedAt, hubMac)).toEqual({ ok: false, reason: 'malformed' });
  });
});
