import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/events.js';
import { feedbackRepository } from '../repositories/feedback.repository.js';
import { membersRepository } from '../repositories/members.repository.js';

/** Scores at or below this open a service ticket (0–6 are detractors on the usual 0–10 scale). */
export const TICKET_SCORE = 6;
/** The service desk's SLA (from the mall's practice): respond in 30 minutes, resolve in 2 hours. */
export const SLA = { respondMinutes: 30, resolveMinutes: 120 } as const;

/** "How was your visit?": stored, and a low score becomes a ticket for the service desk. */
export class FeedbackService {
  constructor(private readonly deps: { db: Database; clock: Clock; events: EventBus }) {}

  async submit(f: { kioskId: string | null; memberId: number | null; score: number; comment?: string | undefined }): Promise<{ ticketId: number | null }> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const at = now.toISOString();
    const ticketId = await db.transaction(async (sql) => {
      const comment = f.comment?.trim() || null;
      const feedbackId = await feedbackRepository.insert(sql, { kioskId: f.kioskId, memberId: f.memberId, score: f.score, comment, at });
      if (f.score > TICKET_SCORE) return null;
      const member = f.memberId === null ? undefined : await membersRepository.findById(sql, f.memberId);
      // Higher tiers are served first.
      const priority = member && member.tier_code !== 'member' ? 'high' : 'normal';
      return feedbackRepository.insertTicket(sql, {
        source: 'kiosk_feedback',
        feedbackId,
        memberId: f.memberId,
        kioskId: f.kioskId,
        summary: `Visit scored ${f.score}/10${comment ? `: ${comment.slice(0, 140)}` : ''}`,
        priority,
        at,
        respondBy: new Date(now.getTime() + SLA.respondMinutes * 60_000).toISOString(),
        resolveBy: new Date(now.getTime() + SLA.resolveMinutes * 60_000).toISOString(),
      });
    });
    if (ticketId !== null) this.deps.events.emit('ticketOpened', { ticketId, memberId: f.memberId, score: f.score });
    return { ticketId };
  }

  openTickets() {
    return feedbackRepository.tickets(this.deps.db, 'open');
  }
}
