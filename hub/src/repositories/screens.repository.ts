import type { Sql } from '../db/database.js';

export interface ScreenRow {
  id: string;
  name: string;
  kind: 'floor' | 'barrier';
  floor: string | null;
  zone: string | null;
  gate_id: string | null;
  token_hash: string;
  created_at: string;
  last_seen_at: string | null;
  app_version: string | null;
}

export const screensRepository = {
  get: (sql: Sql, id: string) => sql.get<ScreenRow>('SELECT * FROM screens WHERE id = ?', [id]),
  list: (sql: Sql) => sql.all<ScreenRow>('SELECT * FROM screens ORDER BY id'),
  async insert(sql: Sql, s: Omit<ScreenRow, 'last_seen_at' | 'app_version'>): Promise<void> {
    await sql.run('INSERT INTO screens (id, name, kind, floor, zone, gate_id, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      s.id,
      s.name,
      s.kind,
      s.floor,
      s.zone,
      s.gate_id,
      s.token_hash,
      s.created_at,
    ]);
  },
  async touch(sql: Sql, id: string, at: string, appVersion: string | null): Promise<void> {
    await sql.run('UPDATE screens SET last_seen_at = ?, app_version = COALESCE(?, app_version) WHERE id = ?', [at, appVersion, id]);
  },
};
