import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { MacFn } from '@atrium/shared';
import type { HubSecrets } from './secrets.js';

/**
 * Personal data protection: AES-256-GCM for values at rest, keyed hashes for
 * lookups (so the database alone does not reveal who a phone hash belongs to),
 * and the MAC that signs member codes.
 */
export class Vault {
  private readonly dataKey: Buffer;
  private readonly lookupKey: Buffer;
  private readonly memberCodeKey: Buffer;

  constructor(secrets: HubSecrets) {
    this.dataKey = Buffer.from(secrets.dataKey, 'base64');
    this.lookupKey = Buffer.from(secrets.lookupKey, 'base64');
    this.memberCodeKey = Buffer.from(secrets.memberCodeKey, 'base64');
  }

  /** "v1.<iv>.<tag>.<ciphertext>", base64url parts. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.dataKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.dataKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Keyed hash for exact lookups; `kind` separates phones from plates. Input must already be normalised. */
  lookupHash(kind: 'phone' | 'plate', normalized: string): string {
    return createHmac('sha256', this.lookupKey).update(`${kind}:${normalized}`).digest('base64url');
  }

  /** 96-bit truncated HMAC: short enough for a small QR code, far beyond guessing within a code's minutes of life. */
  readonly memberCodeMac: MacFn = (body) => createHmac('sha256', this.memberCodeKey).update(body).digest('base64url').slice(0, 16);
}
