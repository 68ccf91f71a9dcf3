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
  tags_json: string;
  playing: string | null;
  default_playlist_id: number | null;
}

export const screensRepository = {
  get: (sql: Sql, id: string) => sql.get<ScreenRow>('SELECT * FROM screens WHERE id = ?', [id]),
  list: (sql: Sql) => sql.all<ScreenRow>('SELECT * FROM screens ORDER BY id'),
  async insert(sql: Sql, s: Omit<ScreenRow, 'last_seen_at' | 'app_version' | 'tags_json' | 'playing' | 'default_playlist_id'>): Promise<void> {
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
  async touch(sql: Sql, id: string, at: string, appVersion: string | null, playing: string | null): Promise<void> {
    await sql.run('UPDATE screens SET last_seen_at = ?, app_version = COALESCE(?, app_version), playing = COALESCE(?, playing) WHERE id = ?', [at, appVersion, playing, id]);
  },
  async updateSettings(sql: Sql, id: string, s: Pick<ScreenRow, 'tags_json' | 'default_playlist_id' | 'floor' | 'zone'>): Promise<void> {
    await sql.run('UPDATE screens SET tags_json = ?, default_playlist_id = ?, floor = ?, zone = ? WHERE id = ?', [s.tags_json, s.default_playlist_id, s.floor, s.zone, id]);
  },
};
