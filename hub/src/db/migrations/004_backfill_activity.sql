-- Members who existed before the loyalty engine: their last purchase (for
-- lifecycle stages) and an invite code of their own.
UPDATE members SET last_purchase_at = (SELECT MAX(occurred_at) FROM purchases p WHERE p.member_id = members.id)
  WHERE last_purchase_at IS NULL;
UPDATE members SET last_visit_at = last_purchase_at WHERE last_visit_at IS NULL;
UPDATE members SET referral_code = upper(hex(randomblob(4))) WHERE referral_code IS NULL;
