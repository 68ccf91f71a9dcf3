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
    s: { plateHash: string; plateEnc: string; plateMasked: string; memberId: number | null; gateId: string; at: string },
  ): Promise<number> {
    const { lastID } = await tx.run(
      `INSERT INTO parking_sessions (plate_hash, plate_enc, plate_masked, member_id, entry_gate_id, entered_at, status)
       VALUES (?, ?, ?, ?, ?, ?, 'open')`,
      [s.plateHash, s.plateEnc, s.plateMasked, s.memberId, s.gateId, s.at],
    );
    return lastID;
  },
  openSessionOf: (sql: Sql, plateHash: string) =>
    sql.get<SessionRow>("SELECT * FROM parking_sessions WHERE plate_hash = ? AND status = 'open' ORDER BY entered_at DESC LIMIT 1", [plateHash]),
  async closeSession(tx: Sql, id: number, gateId: string, at: string): Promise<void> {
    await tx.run("UPDATE parking_sessions SET status = 'closed', exit_gate_id = ?, exited_at = ? WHERE id = ?", [gateId, at, id]);
  },
  session: (sql: Sql, id: number) => sql.get<SessionRow>('SELECT * FROM parking_sessions WHERE id = ?', [id]),
};
