import type { Sql } from '../db/database.js';

export interface RewardRow {
  id: number;
  title_zh: string;
  title_en: string;
  kind: 'gift' | 'parking_hours' | 'voucher';
  points_price: number;
  stock: number;
  redeemed_count: number;
  parking_hours: number | null;
  coupon_template_id: number | null;
  tiers_json: string;
  active: number;
  created_at: string;
}

export interface RedemptionRow {
  id: number;
  reward_id: number;
  member_id: number;
  request_id: string | null;
  points: number;
  coupon_code: string | null;
  parking_hours: number | null;
  plate_masked: string | null;
  parking_used_at: string | null;
  created_at: string;
}

export const rewardsRepository = {
  get: (sql: Sql, id: number) => sql.get<RewardRow>('SELECT * FROM rewards WHERE id = ?', [id]),
  list: (sql: Sql, activeOnly: boolean) =>
    sql.all<RewardRow>(`SELECT * FROM rewards ${activeOnly ? 'WHERE active = 1' : ''} ORDER BY points_price, id`),
  async insert(sql: Sql, r: Omit<RewardRow, 'id' | 'redeemed_count'>): Promise<number> {
    const { lastID } = await sql.run(
      `INSERT INTO rewards (title_zh, title_en, kind, points_price, stock, parking_hours, coupon_template_id, tiers_json, active, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [r.title_zh, r.title_en, r.kind, r.points_price, r.stock, r.parking_hours, r.coupon_template_id, r.tiers_json, r.active, r.created_at],
    );
    return lastID;
  },
  async takeStock(tx: Sql, id: number): Promise<boolean> {
    const { changes } = await tx.run('UPDATE rewards SET redeemed_count = redeemed_count + 1 WHERE id = ? AND redeemed_count < stock', [id]);
    return changes === 1;
  },
  redemptionByRequest: (sql: Sql, memberId: number, requestId: string) =>
    sql.get<RedemptionRow>('SELECT * FROM reward_redemptions WHERE member_id = ? AND request_id = ?', [memberId, requestId]),
  async insertRedemption(
    tx: Sql,
    r: { rewardId: number; memberId: number; requestId: string | null; points: number; couponCode: string | null; parkingHours: number | null; plateHash: string | null; plateMasked: string | null; createdAt: string },
  ): Promise<number> {
    const { lastID } = await tx.run(
      `INSERT INTO reward_redemptions (reward_id, member_id, request_id, points, coupon_code, parking_hours, plate_hash, plate_masked, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [r.rewardId, r.memberId, r.requestId, r.points, r.couponCode, r.parkingHours, r.plateHash, r.plateMasked, r.createdAt],
    );
    return lastID;
  },
  redemption: (sql: Sql, id: number) => sql.get<RedemptionRow>('SELECT * FROM reward_redemptions WHERE id = ?', [id]),
  forMember: (sql: Sql, memberId: number) =>
    sql.all<RedemptionRow>('SELECT * FROM reward_redemptions WHERE member_id = ? ORDER BY id DESC', [memberId]),
};
