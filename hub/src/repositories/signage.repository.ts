import type { Sql } from '../db/database.js';

export interface ContentRow {
  id: number;
  kind: 'image' | 'video' | 'text' | 'qr' | 'web';
  name: string;
  duration_ms: number;
  asset_sha256: string | null;
  asset_mime: string | null;
  asset_bytes: number | null;
  body_json: string | null;
  created_at: string;
  problem_count: number;
  last_problem: string | null;
}

export interface PlaylistRow {
  id: number;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface PlaylistItemRow {
  playlist_id: number;
  position: number;
  content_id: number;
  duration_ms: number | null;
  valid_from: string | null;
  valid_until: string | null;
}

export interface EntryRow {
  id: number;
  name: string;
  playlist_id: number;
  priority: number;
  date_from: string | null;
  date_to: string | null;
  weekdays_json: string;
  windows_json: string;
  share_pct: number | null;
  target_json: string;
  created_at: string;
  updated_at: string;
}

export interface EmergencyRow {
  id: number;
  message_zh: string;
  message_en: string;
  screen_ids_json: string;
  started_at: string;
  started_by: string;
  cleared_at: string | null;
}

export type NewEntry = Omit<EntryRow, 'id' | 'created_at' | 'updated_at'>;

export const signageRepository = {
  // Content
  contents: (sql: Sql) => sql.all<ContentRow>('SELECT * FROM content ORDER BY id DESC'),
  content: (sql: Sql, id: number) => sql.get<ContentRow>('SELECT * FROM content WHERE id = ?', [id]),
  async insertContent(sql: Sql, c: Omit<ContentRow, 'id' | 'problem_count' | 'last_problem'>): Promise<number> {
    const { lastID } = await sql.run(
      'INSERT INTO content (kind, name, duration_ms, asset_sha256, asset_mime, asset_bytes, body_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [c.kind, c.name, c.duration_ms, c.asset_sha256, c.asset_mime, c.asset_bytes, c.body_json, c.created_at],
    );
    return lastID;
  },
  async deleteContent(sql: Sql, id: number): Promise<void> {
    await sql.run('DELETE FROM content WHERE id = ?', [id]);
  },
  contentInUse: async (sql: Sql, id: number) => (await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM playlist_items WHERE content_id = ?', [id]))?.n ?? 0,
  assetMime: async (sql: Sql, sha256: string) => (await sql.get<{ asset_mime: string }>('SELECT asset_mime FROM content WHERE asset_sha256 = ? LIMIT 1', [sha256]))?.asset_mime,
  async recordProblem(sql: Sql, id: number, reason: string): Promise<void> {
    await sql.run('UPDATE content SET problem_count = problem_count + 1, last_problem = ? WHERE id = ?', [reason, id]);
  },

  // Playlists
  playlists: (sql: Sql) => sql.all<PlaylistRow>('SELECT * FROM playlists ORDER BY id'),
  playlist: (sql: Sql, id: number) => sql.get<PlaylistRow>('SELECT * FROM playlists WHERE id = ?', [id]),
  items: (sql: Sql) => sql.all<PlaylistItemRow>('SELECT * FROM playlist_items ORDER BY playlist_id, position'),
  async insertPlaylist(sql: Sql, name: string, at: string): Promise<number> {
    return (await sql.run('INSERT INTO playlists (name, created_at, updated_at) VALUES (?, ?, ?)', [name, at, at])).lastID;
  },
  async replacePlaylist(sql: Sql, id: number, name: string, items: Omit<PlaylistItemRow, 'playlist_id' | 'position'>[], at: string): Promise<void> {
    await sql.run('UPDATE playlists SET name = ?, updated_at = ? WHERE id = ?', [name, at, id]);
    await sql.run('DELETE FROM playlist_items WHERE playlist_id = ?', [id]);
    let position = 0;
    for (const item of items) {
      await sql.run('INSERT INTO playlist_items (playlist_id, position, content_id, duration_ms, valid_from, valid_until) VALUES (?, ?, ?, ?, ?, ?)', [
        id,
        position++,
        item.content_id,
        item.duration_ms,
        item.valid_from,
        item.valid_until,
      ]);
    }
  },
  async deletePlaylist(sql: Sql, id: number): Promise<void> {
    await sql.run('DELETE FROM playlists WHERE id = ?', [id]);
  },
  playlistInUse: async (sql: Sql, id: number) =>
    ((await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM schedule_entries WHERE playlist_id = ?', [id]))?.n ?? 0) +
    ((await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM screens WHERE default_playlist_id = ?', [id]))?.n ?? 0),

  // Schedule entries
  entries: (sql: Sql) => sql.all<EntryRow>('SELECT * FROM schedule_entries ORDER BY priority DESC, id'),
  entry: (sql: Sql, id: number) => sql.get<EntryRow>('SELECT * FROM schedule_entries WHERE id = ?', [id]),
  async insertEntry(sql: Sql, e: NewEntry, at: string): Promise<number> {
    const { lastID } = await sql.run(
      `INSERT INTO schedule_entries (name, playlist_id, priority, date_from, date_to, weekdays_json, windows_json, share_pct, target_json, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [e.name, e.playlist_id, e.priority, e.date_from, e.date_to, e.weekdays_json, e.windows_json, e.share_pct, e.target_json, at, at],
    );
    return lastID;
  },
  async updateEntry(sql: Sql, id: number, e: NewEntry, at: string): Promise<void> {
    await sql.run(
      `UPDATE schedule_entries SET name = ?, playlist_id = ?, priority = ?, date_from = ?, date_to = ?, weekdays_json = ?, windows_json = ?,
         share_pct = ?, target_json = ?, updated_at = ? WHERE id = ?`,
      [e.name, e.playlist_id, e.priority, e.date_from, e.date_to, e.weekdays_json, e.windows_json, e.share_pct, e.target_json, at, id],
    );
  },
  async deleteEntry(sql: Sql, id: number): Promise<void> {
    await sql.run('DELETE FROM schedule_entries WHERE id = ?', [id]);
  },

  // Emergency
  activeEmergency: (sql: Sql) => sql.get<EmergencyRow>('SELECT * FROM emergencies WHERE cleared_at IS NULL ORDER BY id DESC LIMIT 1'),
  async startEmergency(sql: Sql, e: Omit<EmergencyRow, 'id' | 'cleared_at'>): Promise<number> {
    await sql.run('UPDATE emergencies SET cleared_at = ? WHERE cleared_at IS NULL', [e.started_at]);
    const { lastID } = await sql.run('INSERT INTO emergencies (message_zh, message_en, screen_ids_json, started_at, started_by) VALUES (?, ?, ?, ?, ?)', [
      e.message_zh,
      e.message_en,
      e.screen_ids_json,
      e.started_at,
      e.started_by,
    ]);
    return lastID;
  },
  async clearEmergency(sql: Sql, at: string): Promise<number> {
    return (await sql.run('UPDATE emergencies SET cleared_at = ? WHERE cleared_at IS NULL', [at])).changes;
  },

  // Proof of play
  async insertPlays(sql: Sql, rows: Array<{ playId: string; screenId: string; contentId: number; entryId: number | null; startedAt: string; durationMs: number; receivedAt: string }>): Promise<number> {
    if (rows.length === 0) return 0;
    // One multi-row statement per batch (DESIGN §6); OR IGNORE makes a resent play a no-op.
    const { changes } = await sql.run(
      `INSERT OR IGNORE INTO plays (play_id, screen_id, content_id, entry_id, started_at, duration_ms, received_at) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      rows.flatMap((r) => [r.playId, r.screenId, r.contentId, r.entryId, r.startedAt, r.durationMs, r.receivedAt]),
    );
    return changes;
  },
  playsBy: (sql: Sql, column: 'content_id' | 'screen_id' | "substr(started_at, 1, 13)", fromIso: string, toIso: string) =>
    sql.all<{ key: string | number; plays: number; ms: number }>(
      `SELECT ${column} AS key, COUNT(*) AS plays, SUM(duration_ms) AS ms FROM plays WHERE started_at >= ? AND started_at < ? GROUP BY key ORDER BY key`,
      [fromIso, toIso],
    ),
};
