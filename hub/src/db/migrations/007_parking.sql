-- Parking: the tariff, zone capacities, sessions with fees and benefits, payments.

CREATE TABLE parking_tariff (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  free_minutes INTEGER NOT NULL,
  per_hour_fen INTEGER NOT NULL,
  day_cap_fen INTEGER NOT NULL,
  lost_ticket_fee_fen INTEGER NOT NULL,
  spend_fen_per_hour INTEGER NOT NULL,
  spend_hours_cap INTEGER NOT NULL,
  -- Reads below this confidence open a session but bind no member.
  min_confidence REAL NOT NULL,
  long_stay_minutes INTEGER NOT NULL
);
INSERT INTO parking_tariff VALUES (1, 15, 1000, 6000, 10000, 10000, 4, 0.8, 180);

CREATE TABLE parking_zones (
  zone TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity >= 0)
);

ALTER TABLE parking_sessions ADD COLUMN zone TEXT;
-- 'exit' (left normally), 'lost' (a second entry of the same plate closed it), 'paid'.
ALTER TABLE parking_sessions ADD COLUMN closed_reason TEXT;
ALTER TABLE parking_sessions ADD COLUMN fee_fen INTEGER;
ALTER TABLE parking_sessions ADD COLUMN paid_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE parking_sessions ADD COLUMN breakdown_json TEXT;
-- The exit read waiting for payment (the barrier stays closed until then).
ALTER TABLE parking_sessions ADD COLUMN pending_exit_event_id TEXT;
ALTER TABLE parking_sessions ADD COLUMN pending_exit_gate_id TEXT;
ALTER TABLE parking_sessions ADD COLUMN low_confidence INTEGER NOT NULL DEFAULT 0;
-- An exit with no entry on record: charged the lost-ticket fee and flagged for staff.
ALTER TABLE parking_sessions ADD COLUMN flagged TEXT;
ALTER TABLE parking_sessions ADD COLUMN long_stay_alerted_at TEXT;
CREATE INDEX parking_sessions_status ON parking_sessions(status, entered_at);

CREATE TABLE parking_payments (
  payment_ref TEXT PRIMARY KEY,
  gate_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  session_id INTEGER REFERENCES parking_sessions(id),
  amount_fen INTEGER NOT NULL,
  received_at TEXT NOT NULL,
  command_json TEXT NOT NULL
);

-- Benefits used at exit, so a reward's hours or a coupon are never used twice.
ALTER TABLE reward_redemptions ADD COLUMN parking_session_id INTEGER;
ALTER TABLE coupons ADD COLUMN parking_session_id INTEGER;
ALTER TABLE reward_redemptions ADD COLUMN parking_hours_used INTEGER NOT NULL DEFAULT 0;
