import type { Sql } from '../db/database.js';

/** Check-ins, referrals and birthday gifts: the member's non-purchase activity. */
export const engagementRepository = {
  lastCheckin: (sql: Sql, memberId: number) =>
    sql.get<{ mall_day: string; streak: number }>('SELECT mall_day, streak FROM checkins WHERE member_id = ? ORDER BY mall_day DESC LIMIT 1', [memberId]),
  async insertCheckin(tx: Sql, c: { memberId: number; day: string; streak: number; points: number; at: string }): Promise<void> {
    await tx.run('INSERT INTO checkins (member_id, mall_day, streak, points, created_at) VALUES (?, ?, ?, ?, ?)', [c.memberId, c.day, c.streak, c.points, c.at]);
  },

  referralOf: (sql: Sql, inviteeId: number) =>
    sql.get<{ referrer_id: number; rewarded_at: string | null }>('SELECT referrer_id, rewarded_at FROM referrals WHERE invitee_id = ?', [inviteeId]),
  async insertReferral(tx: Sql, inviteeId: number, referrerId: number, at: string): Promise<void> {
    await tx.run('INSERT INTO referrals (invitee_id, referrer_id, created_at) VALUES (?, ?, ?)', [inviteeId, referrerId, at]);
  },
  async markReferralRewarded(tx: Sql, inviteeId: number, at: string): Promise<boolean> {
    const { changes } = await tx.run('UPDATE referrals SET rewarded_at = ? WHERE invitee_id = ? AND rewarded_at IS NULL', [at, inviteeId]);
    return changes === 1;
  },

  async insertBirthdayGift(tx: Sql, g: { memberId: number; year: number; points: number; couponCode: string | null; at: string }): Promise<boolean> {
    const { changes } = await tx.run('INSERT OR IGNORE INTO birthday_gifts (member_id, year, points, coupon_code, created_at) VALUES (?, ?, ?, ?, ?)', [
      g.memberId,
      g.year,
      g.points,
      g.couponCode,
      g.at,
    ]);
    return changes === 1;
  },
};
