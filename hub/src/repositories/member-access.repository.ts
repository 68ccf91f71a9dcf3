import type { Sql } from '../db/database.js';

export interface OtpRow {
  id: number;
  phone_hash: string;
  code_hash: string;
  origin: string;
  created_at: string;
  expires_at: string;
  attempts: number;
  consumed_at: string | null;
}

/** One-time codes, member sessions on phones, consents and privacy requests. */
export const memberAccessRepository = {
  async insertOtp(sql: Sql, o: Omit<OtpRow, 'id' | 'attempts' | 'consumed_at'>): Promise<number> {
    const { lastID } = await sql.run('INSERT INTO otp_codes (phone_hash, code_hash, origin, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
      o.phone_hash,
      o.code_hash,
      o.origin,
      o.created_at,
      o.expires_at,
    ]);
    return lastID;
  },
  async deleteOtp(sql: Sql, id: number): Promise<void> {
    await sql.run('DELETE FROM otp_codes WHERE id = ?', [id]);
  },
  otpCountSince: async (sql: Sql, column: 'phone_hash' | 'origin', value: string, sinceIso: string) =>
    (await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM otp_codes WHERE ${column} = ? AND created_at >= ?`, [value, sinceIso]))?.n ?? 0,
  latestOtp: (sql: Sql, phoneHash: string) =>
    sql.get<OtpRow>('SELECT * FROM otp_codes WHERE phone_hash = ? AND consumed_at IS NULL ORDER BY id DESC LIMIT 1', [phoneHash]),
  async countAttempt(sql: Sql, id: number): Promise<void> {
    await sql.run('UPDATE otp_codes SET attempts = attempts + 1 WHERE id = ?', [id]);
  },
  async consumeOtp(sql: Sql, id: number, at: string): Promise<boolean> {
    const { changes } = await sql.run('UPDATE otp_codes SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL', [at, id]);
    return changes === 1;
  },

  async insertSession(sql: Sql, s: { tokenHash: string; memberId: number; at: string }): Promise<void> {
    await sql.run('INSERT INTO member_sessions (token_hash, member_id, created_at, last_used_at) VALUES (?, ?, ?, ?)', [s.tokenHash, s.memberId, s.at, s.at]);
  },
  sessionMember: async (sql: Sql, tokenHash: string) =>
    (await sql.get<{ member_id: number; last_used_at: string }>('SELECT member_id, last_used_at FROM member_sessions WHERE token_hash = ? AND revoked_at IS NULL', [tokenHash])),
  async touchSession(sql: Sql, tokenHash: string, at: string): Promise<void> {
    await sql.run('UPDATE member_sessions SET last_used_at = ? WHERE token_hash = ?', [at, tokenHash]);
  },
  async revokeSession(sql: Sql, tokenHash: string, at: string): Promise<void> {
    await sql.run('UPDATE member_sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL', [at, tokenHash]);
  },

  async setConsents(sql: Sql, memberId: number, c: { privacyAt?: string; noticeVersion?: string | null; marketing?: boolean }): Promise<void> {
    if (c.privacyAt !== undefined) {
      await sql.run('UPDATE members SET privacy_consent_at = ?, privacy_notice_version = ? WHERE id = ?', [c.privacyAt, c.noticeVersion ?? null, memberId]);
    }
    if (c.marketing !== undefined) await sql.run('UPDATE members SET marketing_consent = ? WHERE id = ?', [c.marketing ? 1 : 0, memberId]);
  },
  async insertPrivacyRequest(sql: Sql, memberId: number, kind: 'export' | 'delete', at: string): Promise<void> {
    await sql.run('INSERT INTO privacy_requests (member_id, kind, created_at) VALUES (?, ?, ?)', [memberId, kind, at]);
  },
  privacyRequests: (sql: Sql, memberId: number) =>
    sql.all<{ kind: string; status: string; created_at: string }>('SELECT kind, status, created_at FROM privacy_requests WHERE member_id = ? ORDER BY id DESC', [memberId]),
};
