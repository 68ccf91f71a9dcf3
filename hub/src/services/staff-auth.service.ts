import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { staffRepository, type StaffUserRow } from '../repositories/staff.repository.js';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

const SCRYPT = { N: 16384, r: 8, p: 1 } as const;
const SESSION_HOURS = 12;

/** "scrypt$N$r$p$salt$hash" so the cost can be raised later without breaking stored hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(key, expected);
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface StaffUser {
  id: number;
  username: string;
  role: string;
}

/** Console logins: scrypt password hashes, opaque session tokens stored hashed. */
export class StaffAuthService {
  constructor(private readonly deps: { db: Database; clock: Clock }) {}

  /** Creates the `admin` user on first start; returns the password only when it was generated here. */
  async ensureAdmin(configured: string | undefined): Promise<{ created: boolean; generatedPassword?: string }> {
    const { db, clock } = this.deps;
    if (await staffRepository.byUsername(db, 'admin')) return { created: false };
    const password = configured ?? randomBytes(12).toString('base64url');
    await staffRepository.insertUser(db, { username: 'admin', password_hash: await hashPassword(password), role: 'admin', created_at: clock.now().toISOString() });
    return configured ? { created: true } : { created: true, generatedPassword: password };
  }

  async login(username: string, password: string): Promise<{ token: string; user: StaffUser; expiresAt: Date } | undefined> {
    const { db, clock } = this.deps;
    const user = await staffRepository.byUsername(db, username);
    // Verify against a dummy hash for unknown users so timing does not reveal which usernames exist.
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !ok) return undefined;
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
    await staffRepository.insertSession(db, { tokenHash: hashToken(token), userId: user.id, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
    return { token, user: toUser(user), expiresAt };
  }

  async userForSession(token: string): Promise<StaffUser | undefined> {
    const row = await staffRepository.sessionUser(this.deps.db, hashToken(token), this.deps.clock.now().toISOString());
    return row ? toUser(row) : undefined;
  }

  async logout(token: string): Promise<void> {
    await staffRepository.deleteSession(this.deps.db, hashToken(token));
  }
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const toUser = (u: StaffUserRow): StaffUser => ({ id: u.id, username: u.username, role: u.role });
