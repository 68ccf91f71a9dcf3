import { checkinOutcome, mallMoment } from '@atrium/shared';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/events.js';
import { engagementRepository } from '../repositories/engagement.repository.js';
import { ledgerRepository } from '../repositories/ledger.repository.js';
import { membersRepository } from '../repositories/members.repository.js';
import { LoyaltyProblem } from './loyalty-problem.js';
import type { LoyaltyRulesService } from './loyalty-rules.service.js';

export interface CheckinResult {
  /** False when the member had already checked in this mall day. */
  isNew: boolean;
  day: string;
  streak: number;
  points: number;
  bonus: number;
  balance: number;
}

/** Daily check-in: once per member per mall day (the mall's time zone), with a streak bonus. */
export class CheckinService {
  constructor(private readonly deps: { db: Database; clock: Clock; events: EventBus; rules: LoyaltyRulesService; timeZone: string }) {}

  async checkIn(memberId: number): Promise<CheckinResult> {
    const { db, clock, rules, timeZone } = this.deps;
    const now = clock.now();
    const day = mallMoment(now, timeZone).day;
    const result = await db.transaction(async (sql): Promise<CheckinResult> => {
      const member = await membersRepository.findById(sql, memberId);
      if (!member) throw new LoyaltyProblem('not_found', `member ${memberId} does not exist`);
      const rule = (await rules.checkinRule(sql)) ?? { points: 0, streakDays: 0, streakBonus: 0 };
      const last = await engagementRepository.lastCheckin(sql, memberId);
      const outcome = checkinOutcome(last ? { day: last.mall_day, streak: last.streak } : null, day, rule);
      if (outcome.already) return { isNew: false, day, streak: outcome.streak, points: 0, bonus: 0, balance: member.points_balance };
      const at = now.toISOString();
      await engagementRepository.insertCheckin(sql, { memberId, day, streak: outcome.streak, points: outcome.points + outcome.bonus, at });
      let balance = member.points_balance;
      const entry = { memberId, rule: `checkin:streak${outcome.streak}`, sourceType: 'checkin', sourceId: `${memberId}/${day}`, createdAt: at };
      if (outcome.points > 0) balance = await ledgerRepository.append(sql, { ...entry, delta: outcome.points, kind: 'checkin' });
      if (outcome.bonus > 0) balance = await ledgerRepository.append(sql, { ...entry, delta: outcome.bonus, kind: 'checkin_streak' });
      await membersRepository.touchVisit(sql, memberId, at, false);
      return { isNew: true, day, streak: outcome.streak, points: outcome.points, bonus: outcome.bonus, balance };
    });
    if (result.isNew) this.deps.events.emit('memberCheckedIn', { memberId, day, streak: result.streak, points: result.points + result.bonus });
    return result;
  }
}
