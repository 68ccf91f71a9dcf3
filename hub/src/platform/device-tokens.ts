import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Device credentials (screens, kiosks): a random token shown once at registration,
 * stored only as its SHA-256. A high-entropy token needs no slow hash.
 */
export const newDeviceToken = (): string => randomBytes(24).toString('base64url');

export const hashDeviceToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

export function deviceTokenMatches(storedHash: string, token: string): boolean {
  const expected = Buffer.from(storedHash, 'base64url');
  const actual = createHash('sha256').update(token).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
