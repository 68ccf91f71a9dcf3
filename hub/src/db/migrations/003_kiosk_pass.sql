-- Kiosks and the member pass: kiosk devices, idempotent kiosk calls, one-time
-- codes, member sessions on phones, phone-to-kiosk links, consents, privacy
-- requests, feedback and the service tickets it opens.

CREATE TABLE kiosks (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  floor TEXT,
  zone TEXT,
  token_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT
);

-- The first answer to each (kiosk, requestId): a retried call gets it again instead of acting twice.
CREATE TABLE kiosk_requests (
  kiosk_id TEXT NOT NULL,
  request_id TEXT NOT NULL,
  call TEXT NOT NULL,
  ack_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (kiosk_id, request_id)
);

CREATE TABLE otp_codes (
  id INTEGER PRIMARY KEY,
  phone_hash TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  -- Who asked: "kiosk:<id>" or "web:<address hash>", for rate limits.
  origin TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  consumed_at TEXT
);
CREATE INDEX otp_codes_phone ON otp_codes(phone_hash, created_at);
CREATE INDEX otp_codes_origin ON otp_codes(origin, created_at);

CREATE TABLE member_sessions (
  token_hash TEXT PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  created_at TEXT NOT NULL,
  last_used_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX member_sessions_member ON member_sessions(member_id);

-- Single-use codes a kiosk shows so a logged-in phone can open the session on it.
CREATE TABLE kiosk_links (
  code_hash TEXT PRIMARY KEY,
  kiosk_id TEXT NOT NULL REFERENCES kiosks(id),
  socket_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  member_id INTEGER REFERENCES members(id)
);

ALTER TABLE members ADD COLUMN privacy_consent_at TEXT;
ALTER TABLE members ADD COLUMN marketing_consent INTEGER NOT NULL DEFAULT 0;

-- Export and erasure requests, recorded now and carried out by the trust milestone.
CREATE TABLE privacy_requests (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  kind TEXT NOT NULL CHECK (kind IN ('export', 'delete')),
  status TEXT NOT NULL DEFAULT 'received',
  created_at TEXT NOT NULL
);

CREATE TABLE feedback (
  id INTEGER PRIMARY KEY,
  kiosk_id TEXT,
  member_id INTEGER REFERENCES members(id),
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
  comment TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE service_tickets (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  feedback_id INTEGER REFERENCES feedback(id),
  member_id INTEGER REFERENCES members(id),
  kiosk_id TEXT,
  summary TEXT NOT NULL,
  priority TEXT NOT NULL CHECK (priority IN ('normal', 'high')),
  status TEXT NOT NULL DEFAULT 'open',
  created_at TEXT NOT NULL,
  respond_by TEXT NOT NULL,
  resolve_by TEXT NOT NULL
);
