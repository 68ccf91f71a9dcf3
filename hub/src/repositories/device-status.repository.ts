import type { Sql } from '../db/database.js';

export interface DeviceStatusRow {
  device_id: string;
  state: 'online' | 'offline';
  at: string;
  received_at: string;
}

export const deviceStatusRepository = {
  async upsert(sql: Sql, s: DeviceStatusRow): Promise<void> {
    // The latest message received wins: MQTT keeps one publisher's messages in order, and a
    // device's will carries the timestamp set when it connected, older than its "online".
    await sql.run(
      `INSERT INTO device_status (device_id, state, at, received_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(device_id) DO UPDATE SET state = excluded.state, at = excluded.at, received_at = excluded.received_at`,
      [s.device_id, s.state, s.at, s.received_at],
    );
  },
  list: (sql: Sql) => sql.all<DeviceStatusRow>('SELECT * FROM device_status ORDER BY device_id'),
};
