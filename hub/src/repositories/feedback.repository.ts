import type { Sql } from '../db/database.js';

export const feedbackRepository = {
  async insert(sql: Sql, f: { kioskId: string | null; memberId: number | null; score: number; comment: string | null; at: string }): Promise<number> {
    const { lastID } = await sql.run('INSERT INTO feedback (kiosk_id, member_id, score, comment, created_at) VALUES (?, ?, ?, ?, ?)', [f.kioskId, f.memberId, f.score, f.comment, f.at]);
    return lastID;
  },
  async insertTicket(
    sql: Sql,
    t: { source: string; feedbackId: number | null; memberId: number | null; kioskId: string | null; summary: string; priority: 'normal' | 'high'; at: string; respondBy: string; resolveBy: string },
  ): Promise<number> {
    const { lastID } = await sql.run(
      'INSERT INTO service_tickets (source, feedback_id, member_id, kiosk_id, summary, priority, created_at, respond_by, resolve_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [t.source, t.feedbackId, t.memberId, t.kioskId, t.summary, t.priority, t.at, t.respondBy, t.resolveBy],
    );
    return lastID;
  },
  tickets: (sql: Sql, status: string) =>
    sql.all<{ id: number; source: string; member_id: number | null; kiosk_id: string | null; summary: string; priority: string; status: string; created_at: string; respond_by: string; resolve_by: string }>(
      `SELECT id, source, member_id, kiosk_id, summary, priority, status, created_at, respond_by, resolve_by FROM service_tickets
       WHERE status = ? ORDER BY CASE priority WHEN 'high' THEN 0 ELSE 1 END, created_at`,
      [status],
    ),
};
