import type { Sql } from '../db/database.js';

export interface DeviceStatusRow {
  device_id: string;
  state: 'online' | 'offline';
  at: string;
  received_at: string;
}

export const deviceStatusRepository = {
  async upsert(sql: Sql, s: DeviceStatusRow): Promise<void> {
    // Out-of-order deliveries must not overwrite a newer state with an older one.
    await sql.run(
      `INSERT INTO device_status (device_id, state, at, received_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(device_id) DO UPDATE SET state = excluded.state, at = excluded.at, received_at = excluded.received_at
       WHERE excluded.at >= device_status.at`,
      [s.device_id, s.state, s.at, s.received_at],
    );
  },
  list: (sql: Sql) => sql.all<DeviceStatusRow>('SELECT * FROM device_status ORDER BY device_id'),
};
