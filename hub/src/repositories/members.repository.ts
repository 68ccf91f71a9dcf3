import type { Sql } from '../db/database.js';

export interface MemberRow {
  id: number;
  phone_hash: string;
  phone_enc: string;
  phone_masked: string;
  name_enc: string | null;
  name_masked: string | null;
  birthday: string | null;
  tier_code: string;
  points_balance: number;
  created_at: string;
  last_purchase_at: string | null;
  last_visit_at: string | null;
  referral_code: string | null;
  referred_by: number | null;
  privacy_consent_at: string | null;
  marketing_consent: number;
}

export interface NewMember {
  phoneHash: string;
  phoneEnc: string;
  phoneMasked: string;
  nameEnc: string | null;
  nameMasked: string | null;
  birthday: string | null;
  tierCode: string;
  createdAt: string;
}

export interface PlateRow {
  plate_hash: string;
  member_id: number;
  plate_enc: string;
  plate_masked: string;
  created_at: string;
}

export const membersRepository = {
  async insert(sql: Sql, m: NewMember): Promise<number> {
    const { lastID } = await sql.run(
      `INSERT INTO members (phone_hash, phone_enc, phone_masked, name_enc, name_masked, birthday, tier_code, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [m.phoneHash, m.phoneEnc, m.phoneMasked, m.nameEnc, m.nameMasked, m.birthday, m.tierCode, m.createdAt],
    );
    return lastID;
  },
  findById: (sql: Sql, id: number) => sql.get<MemberRow>('SELECT * FROM members WHERE id = ?', [id]),
  findByPhoneHash: (sql: Sql, hash: string) => sql.get<MemberRow>('SELECT * FROM members WHERE phone_hash = ?', [hash]),
  findByPlateHash: (sql: Sql, hash: string) =>
    sql.get<MemberRow>('SELECT m.* FROM member_plates p JOIN members m ON m.id = p.member_id WHERE p.plate_hash = ?', [hash]),
  findByReferralCode: (sql: Sql, code: string) => sql.get<MemberRow>('SELECT * FROM members WHERE referral_code = ?', [code]),
  async setReferralCode(sql: Sql, memberId: number, code: string): Promise<void> {
    await sql.run('UPDATE members SET referral_code = ? WHERE id = ?', [code, memberId]);
  },
  async setReferredBy(sql: Sql, memberId: number, referrerId: number): Promise<void> {
    await sql.run('UPDATE members SET referred_by = ? WHERE id = ?', [referrerId, memberId]);
  },
  /** A visit is any sign of the member in the mall: purchase, check-in, car entry. Never moves backwards. */
  async touchVisit(sql: Sql, memberId: number, atIso: string, purchase: boolean): Promise<void> {
    await sql.run(
      `UPDATE members SET last_visit_at = MAX(COALESCE(last_visit_at, ''), ?)${purchase ? ", last_purchase_at = MAX(COALESCE(last_purchase_at, ''), ?)" : ''} WHERE id = ?`,
      purchase ? [atIso, atIso, memberId] : [atIso, memberId],
    );
  },
  ids: async (sql: Sql) => (await sql.all<{ id: number }>('SELECT id FROM members ORDER BY id')).map((r) => r.id),
  count: async (sql: Sql) => (await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM members'))?.n ?? 0,

  findPlate: (sql: Sql, hash: string) => sql.get<PlateRow>('SELECT * FROM member_plates WHERE plate_hash = ?', [hash]),
  plates: (sql: Sql, memberId: number) =>
    sql.all<PlateRow>('SELECT * FROM member_plates WHERE member_id = ? ORDER BY created_at, plate_hash', [memberId]),
  async removePlate(sql: Sql, hash: string, memberId: number): Promise<void> {
    await sql.run('DELETE FROM member_plates WHERE plate_hash = ? AND member_id = ?', [hash, memberId]);
  },
  async addPlate(sql: Sql, p: { hash: string; memberId: number; enc: string; masked: string; createdAt: string }): Promise<void> {
    await sql.run('INSERT INTO member_plates (plate_hash, member_id, plate_enc, plate_masked, created_at) VALUES (?, ?, ?, ?, ?)', [
      p.hash,
      p.memberId,
      p.enc,
      p.masked,
      p.createdAt,
    ]);
  },
};
