import type { Sql } from '../db/database.js';

export interface TierRow {
  code: string;
  rank: number;
  name_zh: string;
  name_en: string;
  threshold_fen: number;
  multiplier_pct: number;
  free_parking_hours: number;
}

export const tiersRepository = {
  get: (sql: Sql, code: string) => sql.get<TierRow>('SELECT * FROM tiers WHERE code = ?', [code]),
  base: (sql: Sql) => sql.get<TierRow>('SELECT * FROM tiers ORDER BY rank LIMIT 1'),
  list: (sql: Sql) => sql.all<TierRow>('SELECT * FROM tiers ORDER BY rank'),
};
