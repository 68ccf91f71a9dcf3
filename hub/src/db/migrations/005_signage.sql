-- Signage: content library (assets stored once by SHA-256 in the data dir),
-- playlists, schedule entries, emergency broadcasts, proof of play.

CREATE TABLE content (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('image', 'video', 'text', 'qr', 'web')),
  name TEXT NOT NULL,
  duration_ms INTEGER NOT NULL CHECK (duration_ms > 0),
  asset_sha256 TEXT,
  asset_mime TEXT,
  asset_bytes INTEGER,
  body_json TEXT,
  created_at TEXT NOT NULL,
  problem_count INTEGER NOT NULL DEFAULT 0,
  last_problem TEXT
);

CREATE TABLE playlists (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE playlist_items (
  playlist_id INTEGER NOT NULL REFERENCES playlists(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  content_id INTEGER NOT NULL REFERENCES content(id),
  duration_ms INTEGER,
  valid_from TEXT,
  valid_until TEXT,
  PRIMARY KEY (playlist_id, position)
);
CREATE INDEX playlist_items_content ON playlist_items(content_id);

CREATE TABLE schedule_entries (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  playlist_id INTEGER NOT NULL REFERENCES playlists(id),
  priority INTEGER NOT NULL,
  date_from TEXT,
  date_to TEXT,
  weekdays_json TEXT NOT NULL,
  windows_json TEXT NOT NULL,
  share_pct INTEGER,
  target_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE emergencies (
  id INTEGER PRIMARY KEY,
  message_zh TEXT NOT NULL,
  message_en TEXT NOT NULL,
  screen_ids_json TEXT NOT NULL,
  started_at TEXT NOT NULL,
  started_by TEXT NOT NULL,
  cleared_at TEXT
);

ALTER TABLE screens ADD COLUMN tags_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE screens ADD COLUMN playing TEXT;
ALTER TABLE screens ADD COLUMN default_playlist_id INTEGER REFERENCES playlists(id);

-- Proof of play: one row per item shown, idempotent by the player's play id.
CREATE TABLE plays (
  play_id TEXT PRIMARY KEY,
  screen_id TEXT NOT NULL,
  content_id INTEGER NOT NULL,
  entry_id INTEGER,
  started_at TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  received_at TEXT NOT NULL
);
CREATE INDEX plays_content ON plays(content_id, started_at);
CREATE INDEX plays_screen ON plays(screen_id, started_at);
