import type { Sql } from '../db/database.js';

export interface NewParkingEvent {
  gateId: string;
  eventId: string;
  direction: 'in' | 'out';
  plateHash: string;
  plateMasked: string;
  confidence: number;
  occurredAt: string;
  receivedAt: string;
  memberId: number | null;
  sessionId: number | null;
  commandJson: string;
}

export interface SessionRow {
  id: number;
  plate_hash: string;
  plate_masked: string;
  member_id: number | null;
  entry_gate_id: string;
  entered_at: string;
  exit_gate_id: string | null;
  exited_at: string | null;
  status: 'open' | 'closed';
  zone: string | null;
  closed_reason: string | null;
  fee_fen: number | null;
  paid_fen: number;
  breakdown_json: string | null;
  pending_exit_event_id: string | null;
  pending_exit_gate_id: string | null;
  low_confidence: number;
  flagged: string | null;
  long_stay_alerted_at: string | null;
}

export interface TariffRow {
  free_minutes: number;
  per_hour_fen: number;
  day_cap_fen: number;
  lost_ticket_fee_fen: number;
  spend_fen_per_hour: number;
  spend_hours_cap: number;
  min_confidence: number;
  long_stay_minutes: number;
}

export interface ZoneRow {
  zone: string;
  name: string;
  capacity: number;
}

export const parkingRepository = {
  findEventCommand: async (sql: Sql, gateId: string, eventId: string) =>
    (await sql.get<{ command_json: string }>('SELECT command_json FROM parking_events WHERE gate_id = ? AND event_id = ?', [gateId, eventId]))
      ?.command_json,
  async insertEvent(tx: Sql, e: NewParkingEvent): Promise<void> {
    await tx.run(
      `INSERT INTO parking_events (gate_id, event_id, direction, plate_hash, plate_masked, confidence, occurred_at, received_at, member_id, session_id, command_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [e.gateId, e.eventId, e.direction, e.plateHash, e.plateMasked, e.confidence, e.occurredAt, e.receivedAt, e.memberId, e.sessionId, e.commandJson],
    );
  },

  async openSession(
    tx: Sql,
    s: {
      plateHash: string;
      plateEnc: string;
      plateMasked: string;
      memberId: number | null;
      gateId: string;
      zone: string | null;
      lowConfidence: boolean;
      flagged?: string | null;
      at: string;
    },
  ): Promise<number> {
    const { lastID } = await tx.run(
      `INSERT INTO parking_sessions (plate_hash, plate_enc, plate_masked, member_id, entry_gate_id, entered_at, status, zone, low_confidence, flagged)
       VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
      [s.plateHash, s.plateEnc, s.plateMasked, s.memberId, s.gateId, s.at, s.zone, s.lowConfidence ? 1 : 0, s.flagged ?? null],
    );
    return lastID;
  },
  async closeAs(
    tx: Sql,
    id: number,
    c: { gateId: string | null; at: string; reason: 'exit' | 'lost' | 'paid'; feeFen: number | null; paidFen?: number; breakdownJson: string | null },
  ): Promise<void> {
    await tx.run(
      `UPDATE parking_sessions SET status = 'closed', exit_gate_id = ?, exited_at = ?, closed_reason = ?, fee_fen = ?, paid_fen = paid_fen + ?,
         breakdown_json = ?, pending_exit_event_id = NULL, pending_exit_gate_id = NULL WHERE id = ?`,
      [c.gateId, c.at, c.reason, c.feeFen, c.paidFen ?? 0, c.breakdownJson, id],
    );
  },
  async setPendingExit(tx: Sql, id: number, p: { eventId: string; gateId: string; feeFen: number; breakdownJson: string }): Promise<void> {
    await tx.run('UPDATE parking_sessions SET pending_exit_event_id = ?, pending_exit_gate_id = ?, fee_fen = ?, breakdown_json = ? WHERE id = ?', [
      p.eventId,
      p.gateId,
      p.feeFen,
      p.breakdownJson,
      id,
    ]);
  },
  /** The session whose exit at this gate is waiting for payment. */
  pendingExit: (sql: Sql, gateId: string, eventId: string) =>
    sql.get<SessionRow>("SELECT * FROM parking_sessions WHERE status = 'open' AND pending_exit_gate_id = ? AND pending_exit_event_id = ?", [gateId, eventId]),
  session: (sql: Sql, id: number) => sql.get<SessionRow>('SELECT * FROM parking_sessions WHERE id = ?', [id]),
  openSessions: (sql: Sql) => sql.all<SessionRow>("SELECT * FROM parking_sessions WHERE status = 'open' ORDER BY entered_at"),
  openSessionsOfMember: (sql: Sql, memberId: number) =>
    sql.all<SessionRow>("SELECT * FROM parking_sessions WHERE status = 'open' AND member_id = ? ORDER BY entered_at", [memberId]),
  openSessionsByHash: (sql: Sql, hashes: string[]) =>
    hashes.length === 0
      ? Promise.resolve([] as SessionRow[])
      : sql.all<SessionRow>(`SELECT * FROM parking_sessions WHERE status = 'open' AND plate_hash IN (${hashes.map(() => '?').join(', ')}) ORDER BY entered_at`, hashes),
  async markLongStay(sql: Sql, id: number, at: string): Promise<boolean> {
    return (await sql.run('UPDATE parking_sessions SET long_stay_alerted_at = ? WHERE id = ? AND long_stay_alerted_at IS NULL', [at, id])).changes === 1;
  },
  occupancy: (sql: Sql) => sql.all<{ zone: string | null; occupied: number }>("SELECT zone, COUNT(*) AS occupied FROM parking_sessions WHERE status = 'open' GROUP BY zone"),
  sessionsBetween: (sql: Sql, fromIso: string, toIso: string) =>
    sql.all<SessionRow>('SELECT * FROM parking_sessions WHERE (entered_at >= ? AND entered_at < ?) OR (exited_at >= ? AND exited_at < ?) ORDER BY entered_at', [
      fromIso,
      toIso,
      fromIso,
      toIso,
    ]),

  tariff: async (sql: Sql) => (await sql.get<TariffRow>('SELECT * FROM parking_tariff WHERE id = 1'))!,
  async putTariff(sql: Sql, t: TariffRow): Promise<void> {
    await sql.run(
      `UPDATE parking_tariff SET free_minutes = ?, per_hour_fen = ?, day_cap_fen = ?, lost_ticket_fee_fen = ?, spend_fen_per_hour = ?, spend_hours_cap = ?,
         min_confidence = ?, long_stay_minutes = ? WHERE id = 1`,
      [t.free_minutes, t.per_hour_fen, t.day_cap_fen, t.lost_ticket_fee_fen, t.spend_fen_per_hour, t.spend_hours_cap, t.min_confidence, t.long_stay_minutes],
    );
  },
  zones: (sql: Sql) => sql.all<ZoneRow>('SELECT * FROM parking_zones ORDER BY zone'),
  async putZone(sql: Sql, z: ZoneRow): Promise<void> {
    await sql.run('INSERT INTO parking_zones (zone, name, capacity) VALUES (?, ?, ?) ON CONFLICT(zone) DO UPDATE SET name = excluded.name, capacity = excluded.capacity', [
      z.zone,
      z.name,
      z.capacity,
    ]);
  },

  paymentCommand: async (sql: Sql, paymentRef: string) =>
    (await sql.get<{ command_json: string }>('SELECT command_json FROM parking_payments WHERE payment_ref = ?', [paymentRef]))?.command_json,
  async insertPayment(
    sql: Sql,
    p: { paymentRef: string; gateId: string; eventId: string; sessionId: number | null; amountFen: number; at: string; commandJson: string },
  ): Promise<void> {
    await sql.run('INSERT INTO parking_payments (payment_ref, gate_id, event_id, session_id, amount_fen, received_at, command_json) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      p.paymentRef,
      p.gateId,
      p.eventId,
      p.sessionId,
      p.amountFen,
      p.at,
      p.commandJson,
    ]);
  },
  paymentsBetween: (sql: Sql, fromIso: string, toIso: string) =>
    sql.get<{ total: number | null; n: number }>('SELECT SUM(amount_fen) AS total, COUNT(*) AS n FROM parking_payments WHERE received_at >= ? AND received_at < ?', [fromIso, toIso]),

  /** Parking hours a member bought with points and has not used up, oldest first. */
  rewardCredits: (sql: Sql, memberId: number) =>
    sql.all<{ id: number; left: number }>(
      `SELECT id, parking_hours - parking_hours_used AS left FROM reward_redemptions
       WHERE member_id = ? AND parking_hours IS NOT NULL AND parking_hours > parking_hours_used ORDER BY id`,
      [memberId],
    ),
  async useRewardHours(sql: Sql, redemptionId: number, hours: number, sessionId: number, at: string): Promise<void> {
    await sql.run('UPDATE reward_redemptions SET parking_hours_used = parking_hours_used + ?, parking_session_id = ?, parking_used_at = ? WHERE id = ?', [
      hours,
      sessionId,
      at,
      redemptionId,
    ]);
  },
  /** Parking-hours coupons available to the member now, soonest to expire first. */
  parkingCoupons: (sql: Sql, memberId: number, nowIso: string) =>
    sql.all<{ code: string; hours: number }>(
      `SELECT c.code, t.parking_hours AS hours FROM coupons c JOIN coupon_templates t ON t.id = c.template_id
       WHERE c.member_id = ? AND t.kind = 'parking_hours' AND c.status = 'available' AND c.valid_from <= ? AND c.valid_until > ?
       ORDER BY c.valid_until`,
      [memberId, nowIso, nowIso],
    ),
  async useCoupon(sql: Sql, code: string, sessionId: number, at: string): Promise<void> {
    await sql.run(
      "UPDATE coupons SET status = 'redeemed', redeemed_at = ?, redeemed_store_id = 'parking', redeemed_tx_id = ?, parking_session_id = ? WHERE code = ? AND status = 'available'",
      [at, `session-${sessionId}`, sessionId, code],
    );
  },
  /** Net spend in a time range (the mall day, as a UTC range). */
  spendBetween: async (sql: Sql, memberId: number, fromIso: string, toIso: string) =>
    (
      await sql.get<{ spend: number | null }>('SELECT SUM(amount_fen - refunded_fen) AS spend FROM purchases WHERE member_id = ? AND occurred_at >= ? AND occurred_at < ?', [
        memberId,
        fromIso,
        toIso,
      ])
    )?.spend ?? 0,
  pointsEarnedBetween: async (sql: Sql, memberId: number, fromIso: string, toIso: string) =>
    (await sql.get<{ points: number | null }>('SELECT SUM(delta) AS points FROM points_ledger WHERE member_id = ? AND delta > 0 AND created_at >= ? AND created_at < ?', [memberId, fromIso, toIso]))
      ?.points ?? 0,
};
