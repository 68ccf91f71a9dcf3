import type { PlayedBatch } from '@atrium/shared';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { signageRepository } from '../repositories/signage.repository.js';

/** Proof of play: batches from players, each play stored once however often it is sent. */
export class ProofOfPlayService {
  constructor(private readonly deps: { db: Database; clock: Clock }) {}

  async record(screenId: string, batch: PlayedBatch): Promise<{ stored: number; duplicates: number }> {
    const receivedAt = this.deps.clock.now().toISOString();
    const unique = [...new Map(batch.plays.map((p) => [p.playId, p])).values()];
    const stored = await this.deps.db.transaction((sql) =>
      signageRepository.insertPlays(
        sql,
        unique.map((p) => ({ playId: p.playId, screenId, contentId: p.contentId, entryId: p.entryId, startedAt: new Date(p.startedAt).toISOString(), durationMs: p.durationMs, receivedAt })),
      ),
    );
    return { stored, duplicates: batch.plays.length - stored };
  }

  /** Plays per content, per screen and per hour (UTC hour of start) in a range. */
  async summary(from: Date, to: Date) {
    const [fromIso, toIso] = [from.toISOString(), to.toISOString()];
    const rows = (column: Parameters<typeof signageRepository.playsBy>[1]) => signageRepository.playsBy(this.deps.db, column, fromIso, toIso);
    const shape = (r: { key: string | number; plays: number; ms: number }) => ({ key: r.key, plays: r.plays, seconds: Math.round(r.ms / 1000) });
    return {
      byContent: (await rows('content_id')).map(shape),
      byScreen: (await rows('screen_id')).map(shape),
      byHour: (await rows('substr(started_at, 1, 13)')).map(shape),
    };
  }
}
