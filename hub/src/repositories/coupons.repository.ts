import type { ClaimableTemplate, CouponTemplateRule } from '@atrium/shared';
import type { Sql } from '../db/database.js';

export interface CouponTemplateRow {
  id: number;
  title_zh: string;
  title_en: string;
  kind: CouponTemplateRule['kind'];
  value_fen: number | null;
  percent: number | null;
  cap_fen: number | null;
  parking_hours: number | null;
  min_spend_fen: number;
  store_ids_json: string;
  categories_json: string;
  total_stock: number;
  claimed_count: number;
  per_member_limit: number;
  claim_starts_at: string | null;
  claim_ends_at: string | null;
  valid_from: string | null;
  valid_until: string | null;
  valid_days: number | null;
  target_tiers_json: string;
  target_tags_json: string;
  status: 'active' | 'paused';
  created_at: string;
  updated_at: string;
}

export interface CouponRow {
  code: string;
  template_id: number;
  member_id: number;
  source: string;
  claimed_at: string;
  valid_from: string;
  valid_until: string;
  status: 'available' | 'reserved' | 'redeemed';
  reserved_store_id: string | null;
  reserved_tx_id: string | null;
  reserved_until: string | null;
  discount_fen: number | null;
  redeemed_at: string | null;
  redeemed_store_id: string | null;
  redeemed_tx_id: string | null;
}

export const toTemplateRule = (t: CouponTemplateRow): CouponTemplateRule => ({
  kind: t.kind,
  valueFen: t.value_fen,
  percent: t.percent,
  capFen: t.cap_fen,
  parkingHours: t.parking_hours,
  minSpendFen: t.min_spend_fen,
  storeIds: JSON.parse(t.store_ids_json) as string[],
  categories: JSON.parse(t.categories_json) as string[],
});

export const toClaimable = (t: CouponTemplateRow): ClaimableTemplate => ({
  status: t.status,
  totalStock: t.total_stock,
  claimedCount: t.claimed_count,
  perMemberLimit: t.per_member_limit,
  claimStartsAt: t.claim_starts_at,
  claimEndsAt: t.claim_ends_at,
  targetTiers: JSON.parse(t.target_tiers_json) as string[],
  targetTags: JSON.parse(t.target_tags_json) as string[],
  validUntil: t.valid_until,
});

export type NewTemplate = Omit<CouponTemplateRow, 'id' | 'claimed_count'>;

const TEMPLATE_COLUMNS = [
  'title_zh', 'title_en', 'kind', 'value_fen', 'percent', 'cap_fen', 'parking_hours', 'min_spend_fen', 'store_ids_json', 'categories_json',
  'total_stock', 'per_member_limit', 'claim_starts_at', 'claim_ends_at', 'valid_from', 'valid_until', 'valid_days', 'target_tiers_json',
  'target_tags_json', 'status', 'created_at', 'updated_at',
] as const;

export const couponsRepository = {
  template: (sql: Sql, id: number) => sql.get<CouponTemplateRow>('SELECT * FROM coupon_templates WHERE id = ?', [id]),
  templates: (sql: Sql) => sql.all<CouponTemplateRow>('SELECT * FROM coupon_templates ORDER BY id DESC'),
  activeTemplates: (sql: Sql) => sql.all<CouponTemplateRow>("SELECT * FROM coupon_templates WHERE status = 'active' ORDER BY id DESC"),
  async insertTemplate(sql: Sql, t: NewTemplate): Promise<number> {
    const { lastID } = await sql.run(
      `INSERT INTO coupon_templates (${TEMPLATE_COLUMNS.join(', ')}) VALUES (${TEMPLATE_COLUMNS.map(() => '?').join(', ')})`,
      TEMPLATE_COLUMNS.map((c) => t[c]),
    );
    return lastID;
  },
  async updateTemplate(sql: Sql, id: number, t: NewTemplate): Promise<void> {
    const columns = TEMPLATE_COLUMNS.filter((c) => c !== 'created_at');
    await sql.run(`UPDATE coupon_templates SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [...columns.map((c) => t[c]), id]);
  },
  async setTemplateStatus(sql: Sql, id: number, status: 'active' | 'paused', at: string): Promise<void> {
    await sql.run('UPDATE coupon_templates SET status = ?, updated_at = ? WHERE id = ?', [status, at, id]);
  },
  /** Takes one from stock unless none is left; false when sold out. The CHECK constraint backs this up. */
  async takeStock(tx: Sql, id: number): Promise<boolean> {
    const { changes } = await tx.run('UPDATE coupon_templates SET claimed_count = claimed_count + 1 WHERE id = ? AND claimed_count < total_stock', [id]);
    return changes === 1;
  },
  claimedBy: async (sql: Sql, templateId: number, memberId: number) =>
    (await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM coupons WHERE template_id = ? AND member_id = ?', [templateId, memberId]))?.n ?? 0,
  async insertCoupon(tx: Sql, c: Pick<CouponRow, 'code' | 'template_id' | 'member_id' | 'source' | 'claimed_at' | 'valid_from' | 'valid_until'>): Promise<void> {
    await tx.run(
      `INSERT INTO coupons (code, template_id, member_id, source, claimed_at, valid_from, valid_until, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'available')`,
      [c.code, c.template_id, c.member_id, c.source, c.claimed_at, c.valid_from, c.valid_until],
    );
  },
  coupon: (sql: Sql, code: string) => sql.get<CouponRow>('SELECT * FROM coupons WHERE code = ?', [code]),
  forMember: (sql: Sql, memberId: number) => sql.all<CouponRow>('SELECT * FROM coupons WHERE member_id = ? ORDER BY claimed_at DESC, code', [memberId]),
  async reserve(tx: Sql, code: string, storeId: string, txId: string, until: string, discountFen: number): Promise<void> {
    await tx.run("UPDATE coupons SET status = 'reserved', reserved_store_id = ?, reserved_tx_id = ?, reserved_until = ?, discount_fen = ? WHERE code = ?", [
      storeId,
      txId,
      until,
      discountFen,
      code,
    ]);
  },
  async redeem(tx: Sql, code: string, storeId: string, txId: string, at: string, discountFen: number): Promise<void> {
    const { changes } = await tx.run(
      "UPDATE coupons SET status = 'redeemed', redeemed_store_id = ?, redeemed_tx_id = ?, redeemed_at = ?, discount_fen = ? WHERE code = ? AND status != 'redeemed'",
      [storeId, txId, at, discountFen, code],
    );
    if (changes !== 1) throw new Error(`coupon ${code} was already redeemed`);
  },
  /** Lapsed reservations go back to their members. */
  async releaseLapsed(sql: Sql, nowIso: string): Promise<number> {
    const { changes } = await sql.run(
      "UPDATE coupons SET status = 'available', reserved_store_id = NULL, reserved_tx_id = NULL, reserved_until = NULL, discount_fen = NULL WHERE status = 'reserved' AND reserved_until <= ?",
      [nowIso],
    );
    return changes;
  },
  reserveResult: async (sql: Sql, storeId: string, requestId: string) =>
    (await sql.get<{ result_json: string }>('SELECT result_json FROM coupon_reserve_requests WHERE store_id = ? AND request_id = ?', [storeId, requestId]))
      ?.result_json,
  async saveReserveResult(tx: Sql, storeId: string, requestId: string, resultJson: string, at: string): Promise<void> {
    await tx.run('INSERT INTO coupon_reserve_requests (store_id, request_id, result_json, received_at) VALUES (?, ?, ?, ?)', [storeId, requestId, resultJson, at]);
  },
};
