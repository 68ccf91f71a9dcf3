import type { DeviceStatus } from '@atrium/shared';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/events.js';
import { deviceStatusRepository } from '../repositories/device-status.repository.js';

/** Online/offline of gates, tills and other MQTT devices, from their retained status (their MQTT will). */
export class DeviceStatusService {
  constructor(private readonly deps: { db: Database; clock: Clock; events: EventBus }) {}

  async record(deviceId: string, status: DeviceStatus): Promise<void> {
    await deviceStatusRepository.upsert(this.deps.db, { device_id: deviceId, state: status.state, at: status.at, received_at: this.deps.clock.now().toISOString() });
    this.deps.events.emit('deviceStatusChanged', { deviceId, state: status.state, at: status.at });
  }

  async list(): Promise<Array<{ deviceId: string; state: 'online' | 'offline'; at: string; receivedAt: string }>> {
    return (await deviceStatusRepository.list(this.deps.db)).map((d) => ({ deviceId: d.device_id, state: d.state, at: d.at, receivedAt: d.received_at }));
  }
}
