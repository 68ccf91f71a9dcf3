import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { deviceTokenMatches, hashDeviceToken, newDeviceToken } from '../platform/device-tokens.js';
import { kioskRepository, type KioskRow } from '../repositories/kiosk.repository.js';
import { DomainProblem } from './domain-problem.js';

export interface KioskInput {
  id: string;
  name: string;
  floor?: string | undefined;
  zone?: string | undefined;
}

export class KioskProblem extends DomainProblem<'conflict'> {}

/** Kiosk devices: registration (token shown once), authentication, last seen. */
export class KioskService {
  constructor(private readonly deps: { db: Database; clock: Clock }) {}

  async register(input: KioskInput): Promise<{ id: string; token: string }> {
    const token = newDeviceToken();
    await this.deps.db.transaction(async (sql) => {
      if (await kioskRepository.get(sql, input.id)) throw new KioskProblem('conflict', `id: kiosk ${input.id} already exists`);
      await kioskRepository.insert(sql, {
        id: input.id,
        name: input.name,
        floor: input.floor ?? null,
        zone: input.zone ?? null,
        token_hash: hashDeviceToken(token),
        created_at: this.deps.clock.now().toISOString(),
      });
    });
    return { id: input.id, token };
  }

  async authenticate(deviceId: string, token: string): Promise<KioskRow | undefined> {
    const kiosk = await kioskRepository.get(this.deps.db, deviceId);
    return kiosk && deviceTokenMatches(kiosk.token_hash, token) ? kiosk : undefined;
  }

  async list() {
    return (await kioskRepository.list(this.deps.db)).map((k) => ({ id: k.id, name: k.name, floor: k.floor, zone: k.zone, lastSeenAt: k.last_seen_at }));
  }

  /** The stored answer to a kiosk call already made with this requestId, if any. */
  async answered(kioskId: string, requestId: string): Promise<{ call: string; ackJson: string } | undefined> {
    const row = await kioskRepository.answered(this.deps.db, kioskId, requestId);
    return row ? { call: row.call, ackJson: row.ack_json } : undefined;
  }

  saveAnswer(kioskId: string, requestId: string, call: string, ackJson: string): Promise<void> {
    return kioskRepository.saveAnswer(this.deps.db, { kioskId, requestId, call, ackJson, at: this.deps.clock.now().toISOString() });
  }

  touch(id: string): Promise<void> {
    return kioskRepository.touch(this.deps.db, id, this.deps.clock.now().toISOString());
  }
}
