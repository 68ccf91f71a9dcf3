import type { Sql } from '../db/database.js';

export interface RejectedRow {
  id: number;
  received_at: string;
  channel: string;
  topic: string;
  message_id: string | null;
  reason: string;
  size_bytes: number;
  payload_enc: string;
}

export const rejectedRepository = {
  async insert(sql: Sql, r: Omit<RejectedRow, 'id'>): Promise<void> {
    await sql.run(
      'INSERT INTO rejected_messages (received_at, channel, topic, message_id, reason, size_bytes, payload_enc) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [r.received_at, r.channel, r.topic, r.message_id, r.reason, r.size_bytes, r.payload_enc],
    );
  },
  recent: (sql: Sql, limit: number) => sql.all<RejectedRow>('SELECT * FROM rejected_messages ORDER BY id DESC LIMIT ?', [limit]),
};
