-- Loyalty engine: tier benefits, points rules as data, refunds, coupons with
-- reserve/capture, rewards, check-ins, referrals, segments and tags.

-- Times are compared as text, so every stored instant is UTC ("…Z").
UPDATE purchases SET occurred_at = strftime('%Y-%m-%dT%H:%M:%fZ', occurred_at);
UPDATE parking_sessions SET entered_at = strftime('%Y-%m-%dT%H:%M:%fZ', entered_at), exited_at = strftime('%Y-%m-%dT%H:%M:%fZ', exited_at);

ALTER TABLE tiers ADD COLUMN birthday_points INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tiers ADD COLUMN birthday_gift_template_id INTEGER;
UPDATE tiers SET multiplier_pct = 120, birthday_points = 200 WHERE code = 'silver';
UPDATE tiers SET multiplier_pct = 150, birthday_points = 500 WHERE code = 'gold';
UPDATE tiers SET multiplier_pct = 200, birthday_points = 1000 WHERE code = 'platinum';
-- "Welcome back, Member member" reads badly on a barrier: the base tier gets a name of its own.
UPDATE tiers SET birthday_points = 100, name_zh = '普卡', name_en = 'Classic' WHERE code = 'member';

ALTER TABLE members ADD COLUMN last_purchase_at TEXT;
ALTER TABLE members ADD COLUMN last_visit_at TEXT;
ALTER TABLE members ADD COLUMN referral_code TEXT;
ALTER TABLE members ADD COLUMN referred_by INTEGER REFERENCES members(id);
CREATE UNIQUE INDEX members_referral_code ON members(referral_code);

ALTER TABLE purchases ADD COLUMN refunded_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE purchases ADD COLUMN points_reversed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX purchases_occurred ON purchases(occurred_at);

CREATE TABLE tier_changes (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  from_code TEXT NOT NULL,
  to_code TEXT NOT NULL,
  reason TEXT NOT NULL,
  spend_12m_fen INTEGER NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX tier_changes_member ON tier_changes(member_id);

-- Bonus rules: kind + JSON parameters, evaluated by shared/src/rules/loyalty/points-rules.ts.
CREATE TABLE points_rules (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('category', 'time_window', 'birthday_month', 'checkin', 'referral')),
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  params_json TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
INSERT INTO points_rules (id, kind, name_zh, name_en, params_json, active, updated_at) VALUES
  ('weekday-afternoon', 'time_window', '工作日下午双倍积分', 'Weekday afternoons, double points', '{"weekdays":[1,2,3,4,5],"startMinute":840,"endMinute":1020,"multiplierPct":200}', 1, '2026-01-01T00:00:00.000Z'),
  ('birthday-month', 'birthday_month', '生日月双倍积分', 'Double points in your birthday month', '{"multiplierPct":200}', 1, '2026-01-01T00:00:00.000Z'),
  ('dining-bonus', 'category', '餐饮1.5倍积分', 'Dining, 1.5× points', '{"categories":["dining"],"multiplierPct":150}', 0, '2026-01-01T00:00:00.000Z'),
  ('checkin', 'checkin', '每日签到', 'Daily check-in', '{"points":10,"streakDays":7,"streakBonus":50}', 1, '2026-01-01T00:00:00.000Z'),
  ('referral', 'referral', '推荐好友', 'Refer a friend', '{"referrerPoints":200,"inviteePoints":200}', 1, '2026-01-01T00:00:00.000Z');

INSERT OR IGNORE INTO settings (key, value) VALUES ('points.expiry_months', '24');
INSERT OR IGNORE INTO settings (key, value) VALUES ('tiers.review', 'monthly');

CREATE TABLE refunds (
  store_id TEXT NOT NULL,
  refund_id TEXT NOT NULL,
  tx_id TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  occurred_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  points_reversed INTEGER NOT NULL,
  result_json TEXT NOT NULL,
  PRIMARY KEY (store_id, refund_id)
);

CREATE TABLE coupon_templates (
  id INTEGER PRIMARY KEY,
  title_zh TEXT NOT NULL,
  title_en TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('amount_off', 'percent_off', 'gift', 'parking_hours')),
  value_fen INTEGER,
  percent INTEGER,
  cap_fen INTEGER,
  parking_hours INTEGER,
  min_spend_fen INTEGER NOT NULL DEFAULT 0,
  store_ids_json TEXT NOT NULL DEFAULT '[]',
  categories_json TEXT NOT NULL DEFAULT '[]',
  total_stock INTEGER NOT NULL CHECK (total_stock >= 0),
  claimed_count INTEGER NOT NULL DEFAULT 0,
  per_member_limit INTEGER NOT NULL DEFAULT 1,
  claim_starts_at TEXT,
  claim_ends_at TEXT,
  valid_from TEXT,
  valid_until TEXT,
  valid_days INTEGER,
  target_tiers_json TEXT NOT NULL DEFAULT '[]',
  target_tags_json TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (claimed_count <= total_stock)
);

CREATE TABLE coupons (
  code TEXT PRIMARY KEY,
  template_id INTEGER NOT NULL REFERENCES coupon_templates(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  source TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('available', 'reserved', 'redeemed')),
  reserved_store_id TEXT,
  reserved_tx_id TEXT,
  reserved_until TEXT,
  discount_fen INTEGER,
  redeemed_at TEXT,
  redeemed_store_id TEXT,
  redeemed_tx_id TEXT
);
CREATE INDEX coupons_member ON coupons(member_id, template_id);

CREATE TABLE coupon_reserve_requests (
  store_id TEXT NOT NULL,
  request_id TEXT NOT NULL,
  result_json TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (store_id, request_id)
);

CREATE TABLE rewards (
  id INTEGER PRIMARY KEY,
  title_zh TEXT NOT NULL,
  title_en TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('gift', 'parking_hours', 'voucher')),
  points_price INTEGER NOT NULL CHECK (points_price > 0),
  stock INTEGER NOT NULL CHECK (stock >= 0),
  redeemed_count INTEGER NOT NULL DEFAULT 0,
  parking_hours INTEGER,
  coupon_template_id INTEGER REFERENCES coupon_templates(id),
  tiers_json TEXT NOT NULL DEFAULT '[]',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  CHECK (redeemed_count <= stock)
);

CREATE TABLE reward_redemptions (
  id INTEGER PRIMARY KEY,
  reward_id INTEGER NOT NULL REFERENCES rewards(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  request_id TEXT,
  points INTEGER NOT NULL,
  coupon_code TEXT REFERENCES coupons(code),
  parking_hours INTEGER,
  plate_hash TEXT,
  plate_masked TEXT,
  parking_used_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (member_id, request_id)
);

CREATE TABLE checkins (
  member_id INTEGER NOT NULL REFERENCES members(id),
  mall_day TEXT NOT NULL,
  streak INTEGER NOT NULL,
  points INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (member_id, mall_day)
);

CREATE TABLE referrals (
  invitee_id INTEGER PRIMARY KEY REFERENCES members(id),
  referrer_id INTEGER NOT NULL REFERENCES members(id),
  created_at TEXT NOT NULL,
  rewarded_at TEXT
);

CREATE TABLE birthday_gifts (
  member_id INTEGER NOT NULL REFERENCES members(id),
  year INTEGER NOT NULL,
  points INTEGER NOT NULL,
  coupon_code TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (member_id, year)
);

CREATE TABLE member_segments (
  member_id INTEGER PRIMARY KEY REFERENCES members(id),
  stage TEXT NOT NULL,
  r INTEGER,
  f INTEGER,
  m INTEGER,
  top_categories_json TEXT NOT NULL DEFAULT '[]',
  computed_at TEXT NOT NULL
);

CREATE TABLE member_tags (
  member_id INTEGER NOT NULL REFERENCES members(id),
  tag TEXT NOT NULL,
  PRIMARY KEY (member_id, tag)
);
CREATE INDEX member_tags_tag ON member_tags(tag, member_id);
