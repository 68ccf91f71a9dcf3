import type { Sql } from '../db/database.js';

export interface StaffUserRow {
  id: number;
  username: string;
  password_hash: string;
  role: string;
  created_at: string;
}

export const staffRepository = {
  byUsername: (sql: Sql, username: string) => sql.get<StaffUserRow>('SELECT * FROM staff_users WHERE username = ?', [username]),
  async insertUser(sql: Sql, u: Omit<StaffUserRow, 'id'>): Promise<void> {
    await sql.run('INSERT INTO staff_users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)', [
      u.username,
      u.password_hash,
      u.role,
      u.created_at,
    ]);
  },
  async insertSession(sql: Sql, s: { tokenHash: string; userId: number; createdAt: string; expiresAt: string }): Promise<void> {
    await sql.run('INSERT INTO staff_sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [
      s.tokenHash,
      s.userId,
      s.createdAt,
      s.expiresAt,
    ]);
  },
  sessionUser: (sql: Sql, tokenHash: string, now: string) =>
    sql.get<StaffUserRow>(
      'SELECT u.* FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?',
      [tokenHash, now],
    ),
  async deleteSession(sql: Sql, tokenHash: string): Promise<void> {
    await sql.run('DELETE FROM staff_sessions WHERE token_hash = ?', [tokenHash]);
  },
};
