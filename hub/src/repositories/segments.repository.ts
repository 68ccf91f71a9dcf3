import type { Sql } from '../db/database.js';

export interface SegmentRow {
  member_id: number;
  stage: string;
  r: number | null;
  f: number | null;
  m: number | null;
  top_categories_json: string;
  computed_at: string;
}

export const segmentsRepository = {
  get: (sql: Sql, memberId: number) => sql.get<SegmentRow>('SELECT * FROM member_segments WHERE member_id = ?', [memberId]),
  tags: async (sql: Sql, memberId: number) =>
    (await sql.all<{ tag: string }>('SELECT tag FROM member_tags WHERE member_id = ? ORDER BY tag', [memberId])).map((r) => r.tag),
  /** Replaces a member's segment row and tags in one go (call inside a transaction). */
  async replace(tx: Sql, s: SegmentRow, tags: readonly string[]): Promise<void> {
    await tx.run(
      `INSERT INTO member_segments (member_id, stage, r, f, m, top_categories_json, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(member_id) DO UPDATE SET stage = excluded.stage, r = excluded.r, f = excluded.f, m = excluded.m,
         top_categories_json = excluded.top_categories_json, computed_at = excluded.computed_at`,
      [s.member_id, s.stage, s.r, s.f, s.m, s.top_categories_json, s.computed_at],
    );
    await tx.run('DELETE FROM member_tags WHERE member_id = ?', [s.member_id]);
    if (tags.length > 0) {
      await tx.run(`INSERT INTO member_tags (member_id, tag) VALUES ${tags.map(() => '(?, ?)').join(', ')}`, tags.flatMap((t) => [s.member_id, t]));
    }
  },
  countByTag: async (sql: Sql, tag: string) => (await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM member_tags WHERE tag = ?', [tag]))?.n ?? 0,
  membersByTag: (sql: Sql, tag: string, limit: number, offset: number) =>
    sql.all<{ member_id: number }>('SELECT member_id FROM member_tags WHERE tag = ? ORDER BY member_id LIMIT ? OFFSET ?', [tag, limit, offset]),
  tagCounts: (sql: Sql) => sql.all<{ tag: string; n: number }>('SELECT tag, COUNT(*) AS n FROM member_tags GROUP BY tag ORDER BY tag'),
};
