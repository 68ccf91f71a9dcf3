import type { Sql } from '../db/database.js';

export interface StoreRow {
  id: string;
  name_zh: string;
  name_en: string;
  category: string;
  floor: string | null;
  zone: string | null;
}

export interface GateRow {
  id: string;
  name: string;
  zone: string | null;
}

/** The mall's fixed layout: stores (tills publish under their id) and car-park gates. */
export const layoutRepository = {
  store: (sql: Sql, id: string) => sql.get<StoreRow>('SELECT * FROM stores WHERE id = ?', [id]),
  stores: (sql: Sql) => sql.all<StoreRow>('SELECT * FROM stores ORDER BY id'),
  async insertStore(sql: Sql, s: StoreRow): Promise<void> {
    await sql.run('INSERT INTO stores (id, name_zh, name_en, category, floor, zone) VALUES (?, ?, ?, ?, ?, ?)', [
      s.id,
      s.name_zh,
      s.name_en,
      s.category,
      s.floor,
      s.zone,
    ]);
  },
  gate: (sql: Sql, id: string) => sql.get<GateRow>('SELECT * FROM gates WHERE id = ?', [id]),
  gates: (sql: Sql) => sql.all<GateRow>('SELECT * FROM gates ORDER BY id'),
  async insertGate(sql: Sql, g: GateRow): Promise<void> {
    await sql.run('INSERT INTO gates (id, name, zone) VALUES (?, ?, ?)', [g.id, g.name, g.zone]);
  },
  setting: async (sql: Sql, key: string) => (await sql.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]))?.value,
  async putSetting(sql: Sql, key: string, value: string): Promise<void> {
    await sql.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);
  },
};
