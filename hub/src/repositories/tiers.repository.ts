import type { TierRule } from '@atrium/shared';
import type { Sql } from '../db/database.js';

export interface TierRow {
  code: string;
  rank: number;
  name_zh: string;
  name_en: string;
  threshold_fen: number;
  multiplier_pct: number;
  free_parking_hours: number;
  birthday_points: number;
  birthday_gift_template_id: number | null;
}

export const toTierRule = (t: TierRow): TierRule => ({
  code: t.code,
  rank: t.rank,
  thresholdFen: t.threshold_fen,
  multiplierPct: t.multiplier_pct,
  freeParkingHours: t.free_parking_hours,
});

export const tiersRepository = {
  get: (sql: Sql, code: string) => sql.get<TierRow>('SELECT * FROM tiers WHERE code = ?', [code]),
  base: (sql: Sql) => sql.get<TierRow>('SELECT * FROM tiers ORDER BY rank LIMIT 1'),
  list: (sql: Sql) => sql.all<TierRow>('SELECT * FROM tiers ORDER BY rank'),
  async update(sql: Sql, t: TierRow): Promise<void> {
    await sql.run(
      `UPDATE tiers SET name_zh = ?, name_en = ?, threshold_fen = ?, multiplier_pct = ?, free_parking_hours = ?,
         birthday_points = ?, birthday_gift_template_id = ? WHERE code = ?`,
      [t.name_zh, t.name_en, t.threshold_fen, t.multiplier_pct, t.free_parking_hours, t.birthday_points, t.birthday_gift_template_id, t.code],
    );
  },
  async recordChange(sql: Sql, c: { memberId: number; from: string; to: string; reason: string; spendFen: number; at: string }): Promise<void> {
    await sql.run('UPDATE members SET tier_code = ? WHERE id = ?', [c.to, c.memberId]);
    await sql.run('INSERT INTO tier_changes (member_id, from_code, to_code, reason, spend_12m_fen, at) VALUES (?, ?, ?, ?, ?, ?)', [
      c.memberId,
      c.from,
      c.to,
      c.reason,
      c.spendFen,
      c.at,
    ]);
  },
};
