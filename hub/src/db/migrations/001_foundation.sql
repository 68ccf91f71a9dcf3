-- Foundation schema: mall layout, members and their points ledger, purchases,
-- parking, screens, device status, rejected messages, staff.
-- Personal data (phone, name, plate) is stored encrypted (*_enc), looked up by a
-- keyed hash (*_hash) and displayed only in masked form (*_masked).

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE stores (
  id TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  category TEXT NOT NULL,
  floor TEXT,
  zone TEXT
);

CREATE TABLE gates (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  zone TEXT
);

CREATE TABLE tiers (
  code TEXT PRIMARY KEY,
  rank INTEGER NOT NULL UNIQUE,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  threshold_fen INTEGER NOT NULL CHECK (threshold_fen >= 0),
  multiplier_pct INTEGER NOT NULL CHECK (multiplier_pct >= 0),
  free_parking_hours INTEGER NOT NULL CHECK (free_parking_hours >= 0)
);

INSERT INTO tiers (code, rank, name_zh, name_en, threshold_fen, multiplier_pct, free_parking_hours) VALUES
  ('member', 0, '普通', 'Member', 0, 100, 1),
  ('silver', 1, '银卡', 'Silver', 500000, 100, 2),
  ('gold', 2, '金卡', 'Gold', 2000000, 100, 3),
  ('platinum', 3, '白金', 'Platinum', 5000000, 100, 4);

CREATE TABLE members (
  id INTEGER PRIMARY KEY,
  phone_hash TEXT NOT NULL UNIQUE,
  phone_enc TEXT NOT NULL,
  phone_masked TEXT NOT NULL,
  name_enc TEXT,
  name_masked TEXT,
  birthday TEXT,
  tier_code TEXT NOT NULL REFERENCES tiers(code),
  points_balance INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE TABLE member_plates (
  plate_hash TEXT PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  plate_enc TEXT NOT NULL,
  plate_masked TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX member_plates_member ON member_plates(member_id);

-- Append-only: rows are never updated or deleted. members.points_balance is kept
-- equal to SUM(delta) in the same transaction as each insert.
CREATE TABLE points_ledger (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  delta INTEGER NOT NULL,
  balance_after INTEGER NOT NULL,
  kind TEXT NOT NULL,
  rule TEXT NOT NULL,
  source_type TEXT NOT NULL,
  source_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (source_type, source_id, kind)
);
CREATE INDEX points_ledger_member ON points_ledger(member_id, id);

CREATE TABLE purchases (
  id INTEGER PRIMARY KEY,
  store_id TEXT NOT NULL REFERENCES stores(id),
  tx_id TEXT NOT NULL,
  member_id INTEGER REFERENCES members(id),
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  category TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  points_earned INTEGER NOT NULL,
  result_json TEXT NOT NULL,
  UNIQUE (store_id, tx_id)
);
CREATE INDEX purchases_member ON purchases(member_id, occurred_at);

CREATE TABLE parking_sessions (
  id INTEGER PRIMARY KEY,
  plate_hash TEXT NOT NULL,
  plate_enc TEXT NOT NULL,
  plate_masked TEXT NOT NULL,
  member_id INTEGER REFERENCES members(id),
  entry_gate_id TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  exit_gate_id TEXT,
  exited_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed'))
);
CREATE INDEX parking_sessions_open ON parking_sessions(plate_hash, status);

CREATE TABLE parking_events (
  gate_id TEXT NOT NULL REFERENCES gates(id),
  event_id TEXT NOT NULL,
  direction TEXT NOT NULL,
  plate_hash TEXT NOT NULL,
  plate_masked TEXT NOT NULL,
  confidence REAL NOT NULL,
  occurred_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  member_id INTEGER REFERENCES members(id),
  session_id INTEGER REFERENCES parking_sessions(id),
  command_json TEXT NOT NULL,
  PRIMARY KEY (gate_id, event_id)
);

CREATE TABLE screens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('floor', 'barrier')),
  floor TEXT,
  zone TEXT,
  gate_id TEXT REFERENCES gates(id),
  token_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT,
  app_version TEXT
);

CREATE TABLE device_status (
  device_id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  at TEXT NOT NULL,
  received_at TEXT NOT NULL
);

-- Messages the hub refused, kept for inspection. The payload is encrypted: it may
-- hold a plate or a member code.
CREATE TABLE rejected_messages (
  id INTEGER PRIMARY KEY,
  received_at TEXT NOT NULL,
  channel TEXT NOT NULL,
  topic TEXT NOT NULL,
  message_id TEXT,
  reason TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  payload_enc TEXT NOT NULL
);

CREATE TABLE staff_users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE staff_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES staff_users(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
