import { mallMoment, memberTags, monthsBefore, lifecycleStage, rfmScores, type RfmScore } from '@atrium/shared';
import type { Database, Sql } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { membersRepository, type MemberRow } from '../repositories/members.repository.js';
import { purchasesRepository } from '../repositories/purchases.repository.js';
import { segmentsRepository } from '../repositories/segments.repository.js';

export interface MemberSegments {
  stage: string;
  rfm: RfmScore | null;
  topCategories: string[];
  tags: string[];
  computedAt: string | null;
}

/**
 * Segments and lifecycle tags. One member is refreshed after each relevant event
 * (purchase, refund, check-in, car entry: cheap, keeps their stage current);
 * everyone is recomputed nightly, which is also when RFM quintiles move, since
 * they compare each member with all the others.
 */
export class SegmentService {
  constructor(private readonly deps: { db: Database; clock: Clock; timeZone: string }) {}

  async refreshMember(memberId: number): Promise<void> {
    const { db, clock } = this.deps;
    const now = clock.now();
    await db.transaction(async (sql) => {
      const member = await membersRepository.findById(sql, memberId);
      if (!member) return;
      const existing = await segmentsRepository.get(sql, memberId);
      const rfm = existing?.r != null && existing.f != null && existing.m != null ? { r: existing.r, f: existing.f, m: existing.m } : null;
      await this.store(sql, member, rfm, now);
    });
  }

  /** Recomputes every member: RFM quintiles over members who bought in the last 12 months, stages, tags. */
  async recomputeAll(): Promise<{ members: number; scored: number }> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const since = monthsBefore(now, 12).toISOString();
    const facts = await db.all<{ member_id: number; last: string; frequency: number; monetary: number }>(
      `SELECT member_id, MAX(occurred_at) AS last, COUNT(*) AS frequency, SUM(amount_fen - refunded_fen) AS monetary
       FROM purchases WHERE member_id IS NOT NULL AND occurred_at >= ? GROUP BY member_id`,
      [since],
    );
    const scores = rfmScores(
      facts.map((f) => ({ memberId: f.member_id, recencyDays: Math.floor((now.getTime() - Date.parse(f.last)) / 86_400_000), frequency: f.frequency, monetaryFen: f.monetary })),
    );
    const ids = await membersRepository.ids(db);
    // Batches keep each transaction short so tills are never held up behind the nightly run.
    for (let i = 0; i < ids.length; i += 200) {
      await db.transaction(async (sql) => {
        for (const id of ids.slice(i, i + 200)) {
          const member = await membersRepository.findById(sql, id);
          if (member) await this.store(sql, member, scores.get(id) ?? null, now);
        }
      });
    }
    return { members: ids.length, scored: scores.size };
  }

  async of(memberId: number): Promise<MemberSegments> {
    const row = await segmentsRepository.get(this.deps.db, memberId);
    const tags = await segmentsRepository.tags(this.deps.db, memberId);
    if (!row) {
      const member = await membersRepository.findById(this.deps.db, memberId);
      const stage = member ? lifecycleStage({ joinedAt: member.created_at, lastPurchaseAt: member.last_purchase_at, lastVisitAt: member.last_visit_at }, this.deps.clock.now()) : 'new';
      return { stage, rfm: null, topCategories: [], tags, computedAt: null };
    }
    return {
      stage: row.stage,
      rfm: row.r != null && row.f != null && row.m != null ? { r: row.r, f: row.f, m: row.m } : null,
      topCategories: JSON.parse(row.top_categories_json) as string[],
      tags,
      computedAt: row.computed_at,
    };
  }

  async membersWithTag(tag: string, page: number, pageSize: number): Promise<{ tag: string; count: number; page: number; pageSize: number; memberIds: number[] }> {
    const count = await segmentsRepository.countByTag(this.deps.db, tag);
    const rows = await segmentsRepository.membersByTag(this.deps.db, tag, pageSize, (page - 1) * pageSize);
    return { tag, count, page, pageSize, memberIds: rows.map((r) => r.member_id) };
  }

  tagCounts() {
    return segmentsRepository.tagCounts(this.deps.db);
  }

  private async store(sql: Sql, member: MemberRow, rfm: RfmScore | null, now: Date): Promise<void> {
    const facts = { joinedAt: member.created_at, lastPurchaseAt: member.last_purchase_at, lastVisitAt: member.last_visit_at };
    const topCategories = await purchasesRepository.topCategories(sql, member.id, monthsBefore(now, 12).toISOString());
    const birthdayMonth = member.birthday ? Number(member.birthday.slice(5, 7)) : null;
    const tags = memberTags({ ...facts, tier: member.tier_code, birthdayMonth, topCategories, rfm }, now, mallMoment(now, this.deps.timeZone).month);
    await segmentsRepository.replace(
      sql,
      { member_id: member.id, stage: lifecycleStage(facts, now), r: rfm?.r ?? null, f: rfm?.f ?? null, m: rfm?.m ?? null, top_categories_json: JSON.stringify(topCategories), computed_at: now.toISOString() },
      tags,
    );
  }
}
