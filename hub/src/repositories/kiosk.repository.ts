import type { Sql } from '../db/database.js';

export interface KioskRow {
  id: string;
  name: string;
  floor: string | null;
  zone: string | null;
  token_hash: string;
  created_at: string;
  last_seen_at: string | null;
}

export interface KioskLinkRow {
  code_hash: string;
  kiosk_id: string;
  socket_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  member_id: number | null;
}

export const kioskRepository = {
  get: (sql: Sql, id: string) => sql.get<KioskRow>('SELECT * FROM kiosks WHERE id = ?', [id]),
  list: (sql: Sql) => sql.all<KioskRow>('SELECT * FROM kiosks ORDER BY id'),
  async insert(sql: Sql, k: Omit<KioskRow, 'last_seen_at'>): Promise<void> {
    await sql.run('INSERT INTO kiosks (id, name, floor, zone, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)', [k.id, k.name, k.floor, k.zone, k.token_hash, k.created_at]);
  },
  async touch(sql: Sql, id: string, at: string): Promise<void> {
    await sql.run('UPDATE kiosks SET last_seen_at = ? WHERE id = ?', [at, id]);
  },

  answered: async (sql: Sql, kioskId: string, requestId: string) =>
    (await sql.get<{ ack_json: string; call: string }>('SELECT ack_json, call FROM kiosk_requests WHERE kiosk_id = ? AND request_id = ?', [kioskId, requestId])),
  async saveAnswer(sql: Sql, r: { kioskId: string; requestId: string; call: string; ackJson: string; at: string }): Promise<void> {
    await sql.run('INSERT OR IGNORE INTO kiosk_requests (kiosk_id, request_id, call, ack_json, created_at) VALUES (?, ?, ?, ?, ?)', [r.kioskId, r.requestId, r.call, r.ackJson, r.at]);
  },

  async insertLink(sql: Sql, l: Omit<KioskLinkRow, 'used_at' | 'member_id'>): Promise<void> {
    await sql.run('INSERT INTO kiosk_links (code_hash, kiosk_id, socket_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [l.code_hash, l.kiosk_id, l.socket_id, l.created_at, l.expires_at]);
  },
  link: (sql: Sql, codeHash: string) => sql.get<KioskLinkRow>('SELECT * FROM kiosk_links WHERE code_hash = ?', [codeHash]),
  /** Single use: only the first confirmation marks it. */
  async useLink(sql: Sql, codeHash: string, memberId: number, at: string): Promise<boolean> {
    const { changes } = await sql.run('UPDATE kiosk_links SET used_at = ?, member_id = ? WHERE code_hash = ? AND used_at IS NULL', [at, memberId, codeHash]);
    return changes === 1;
  },
};
