import type { PointsRule } from '@atrium/shared';
import type { Sql } from '../db/database.js';

export interface PointsRuleRow {
  id: string;
  kind: PointsRule['kind'];
  name_zh: string;
  name_en: string;
  params_json: string;
  active: number;
  updated_at: string;
}

/** A stored rule row as the pure evaluator's union type. */
export const toPointsRule = (r: PointsRuleRow): PointsRule => ({ ...(JSON.parse(r.params_json) as object), id: r.id, kind: r.kind, active: r.active === 1 }) as PointsRule;

export const pointsRulesRepository = {
  list: (sql: Sql) => sql.all<PointsRuleRow>('SELECT * FROM points_rules ORDER BY id'),
  get: (sql: Sql, id: string) => sql.get<PointsRuleRow>('SELECT * FROM points_rules WHERE id = ?', [id]),
  async upsert(sql: Sql, r: PointsRuleRow): Promise<void> {
    await sql.run(
      `INSERT INTO points_rules (id, kind, name_zh, name_en, params_json, active, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, name_zh = excluded.name_zh, name_en = excluded.name_en,
         params_json = excluded.params_json, active = excluded.active, updated_at = excluded.updated_at`,
      [r.id, r.kind, r.name_zh, r.name_en, r.params_json, r.active, r.updated_at],
    );
  },
};
