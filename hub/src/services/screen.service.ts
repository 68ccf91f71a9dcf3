import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { deviceTokenMatches, hashDeviceToken, newDeviceToken } from '../platform/device-tokens.js';
import { layoutRepository } from '../repositories/layout.repository.js';
import { screensRepository, type ScreenRow } from '../repositories/screens.repository.js';
import { DomainProblem } from './domain-problem.js';

export interface ScreenInput {
  id: string;
  name: string;
  kind: 'floor' | 'barrier';
  floor?: string | undefined;
  zone?: string | undefined;
  gateId?: string | undefined;
}

export interface ScreenView {
  id: string;
  name: string;
  kind: 'floor' | 'barrier';
  floor: string | null;
  zone: string | null;
  gateId: string | null;
  lastSeenAt: string | null;
  appVersion: string | null;
  tags: string[];
  playing: string | null;
  defaultPlaylistId: number | null;
}

export class ScreenProblem extends DomainProblem<'invalid' | 'conflict'> {}

/** Floor screens and barrier displays: registration, authentication, and what each plays. */
export class ScreenService {
  constructor(private readonly deps: { db: Database; clock: Clock }) {}

  /** Returns the device token once; only its hash is stored. */
  async register(input: ScreenInput): Promise<{ id: string; token: string }> {
    const { db, clock } = this.deps;
    if (input.kind === 'barrier' && !input.gateId) throw new ScreenProblem('invalid', 'gateId: a barrier display needs the gate it stands at');
    const token = newDeviceToken();
    await db.transaction(async (sql) => {
      if (await screensRepository.get(sql, input.id)) throw new ScreenProblem('conflict', `id: screen ${input.id} already exists`);
      if (input.gateId && !(await layoutRepository.gate(sql, input.gateId))) throw new ScreenProblem('invalid', `gateId: unknown gate ${input.gateId}`);
      await screensRepository.insert(sql, {
        id: input.id,
        name: input.name,
        kind: input.kind,
        floor: input.floor ?? null,
        zone: input.zone ?? null,
        gate_id: input.gateId ?? null,
        token_hash: hashDeviceToken(token),
        created_at: clock.now().toISOString(),
      });
    });
    return { id: input.id, token };
  }

  /** The screen for a valid device token, or undefined. */
  async authenticate(deviceId: string, token: string): Promise<ScreenRow | undefined> {
    const screen = await screensRepository.get(this.deps.db, deviceId);
    if (!screen) return undefined;
    return deviceTokenMatches(screen.token_hash, token) ? screen : undefined;
  }

  async list(): Promise<ScreenView[]> {
    return (await screensRepository.list(this.deps.db)).map(toView);
  }

  async heartbeat(id: string, appVersion: string | undefined, playing?: string | undefined): Promise<void> {
    await screensRepository.touch(this.deps.db, id, this.deps.clock.now().toISOString(), appVersion ?? null, playing ?? null);
  }

  async get(id: string): Promise<ScreenRow | undefined> {
    return screensRepository.get(this.deps.db, id);
  }
}

const toView = (s: ScreenRow): ScreenView => ({
  id: s.id,
  name: s.name,
  kind: s.kind,
  floor: s.floor,
  zone: s.zone,
  gateId: s.gate_id,
  lastSeenAt: s.last_seen_at,
  appVersion: s.app_version,
  tags: JSON.parse(s.tags_json) as string[],
  playing: s.playing,
  defaultPlaylistId: s.default_playlist_id,
});
