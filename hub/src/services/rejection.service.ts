import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/events.js';
import type { Logger } from '../platform/logger.js';
import type { Vault } from '../platform/vault.js';
import { rejectedRepository } from '../repositories/rejected.repository.js';

/** Largest slice of a refused payload that is kept: enough to diagnose, bounded so a flood cannot fill the disk. */
export const KEPT_PAYLOAD_BYTES = 16 * 1024;

/** Keeps every refused device message (encrypted) with its reason, for the console to show. */
export class RejectionService {
  constructor(private readonly deps: { db: Database; clock: Clock; events: EventBus; vault: Vault; logger: Logger }) {}

  async keep(r: { channel: string; topic: string; messageId: string | undefined; reason: string; payload: Buffer }): Promise<void> {
    const { db, clock, events, vault, logger } = this.deps;
    await rejectedRepository.insert(db, {
      received_at: clock.now().toISOString(),
      channel: r.channel,
      topic: r.topic.slice(0, 256),
      message_id: r.messageId ?? null,
      reason: r.reason,
      size_bytes: r.payload.length,
      payload_enc: vault.encrypt(r.payload.subarray(0, KEPT_PAYLOAD_BYTES).toString('utf8')),
    });
    logger.warn({ channel: r.channel, topic: r.topic.slice(0, 256), messageId: r.messageId, reason: r.reason, size: r.payload.length }, 'message rejected');
    events.emit('messageRejected', { channel: r.channel, topic: r.topic, reason: r.reason });
  }

  async recent(limit = 100) {
    return (await rejectedRepository.recent(this.deps.db, limit)).map((r) => ({
      id: r.id,
      receivedAt: r.received_at,
      channel: r.channel,
      topic: r.topic,
      messageId: r.message_id,
      reason: r.reason,
      sizeBytes: r.size_bytes,
    }));
  }
}
