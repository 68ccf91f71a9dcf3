import type { PointsRule, PutPointsRule, TierRule, UpdateTier, CheckinRule } from '@atrium/shared';
import type { Database, Sql } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { layoutRepository } from '../repositories/layout.repository.js';
import { pointsRulesRepository, toPointsRule } from '../repositories/points-rules.repository.js';
import { tiersRepository, toTierRule, type TierRow } from '../repositories/tiers.repository.js';
import { DomainProblem } from './domain-problem.js';

export class RulesProblem extends DomainProblem<'invalid' | 'not_found'> {}

/**
 * Tiers and points rules, read on every purchase, changed rarely by marketers:
 * cached here and dropped on change. Reads take the caller's `sql` so they work
 * inside a transaction (the connection is exclusive while one runs).
 */
export class LoyaltyRulesService {
  private tierCache: TierRow[] | undefined;
  private ruleCache: PointsRule[] | undefined;
  private expiryMonthsCache: number | undefined;

  constructor(private readonly deps: { db: Database; clock: Clock }) {}

  async tierRows(sql: Sql = this.deps.db): Promise<TierRow[]> {
    this.tierCache ??= await tiersRepository.list(sql);
    return this.tierCache;
  }

  async tiers(sql: Sql = this.deps.db): Promise<TierRule[]> {
    return (await this.tierRows(sql)).map(toTierRule);
  }

  async tier(sql: Sql, code: string): Promise<TierRow> {
    const rows = await this.tierRows(sql);
    return rows.find((t) => t.code === code) ?? rows[0]!;
  }

  async pointsRules(sql: Sql = this.deps.db): Promise<PointsRule[]> {
    this.ruleCache ??= (await pointsRulesRepository.list(sql)).map(toPointsRule);
    return this.ruleCache;
  }

  async checkinRule(sql: Sql = this.deps.db): Promise<CheckinRule | null> {
    const rule = (await this.pointsRules(sql)).find((r) => r.kind === 'checkin' && r.active);
    return rule && rule.kind === 'checkin' ? rule : null;
  }

  async referralRule(sql: Sql = this.deps.db): Promise<{ referrerPoints: number; inviteePoints: number } | null> {
    const rule = (await this.pointsRules(sql)).find((r) => r.kind === 'referral' && r.active);
    return rule && rule.kind === 'referral' ? rule : null;
  }

  async expiryMonths(sql: Sql = this.deps.db): Promise<number> {
    this.expiryMonthsCache ??= Number((await layoutRepository.setting(sql, 'points.expiry_months')) ?? 24);
    return this.expiryMonthsCache;
  }

  async listRules() {
    return (await pointsRulesRepository.list(this.deps.db)).map((r) => ({
      id: r.id,
      kind: r.kind,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      active: r.active === 1,
      params: JSON.parse(r.params_json) as object,
      updatedAt: r.updated_at,
    }));
  }

  async putRule(id: string, input: PutPointsRule): Promise<void> {
    if (!/^[a-z0-9-]{1,40}$/.test(id)) throw new RulesProblem('invalid', 'id: use 1–40 lower-case letters, digits and "-"');
    const { kind, ...params } = input.params;
    await pointsRulesRepository.upsert(this.deps.db, {
      id,
      kind,
      name_zh: input.nameZh,
      name_en: input.nameEn,
      params_json: JSON.stringify(params),
      active: input.active ? 1 : 0,
      updated_at: this.deps.clock.now().toISOString(),
    });
    this.ruleCache = undefined;
  }

  async listTiers() {
    return (await tiersRepository.list(this.deps.db)).map((t) => ({
      code: t.code,
      rank: t.rank,
      nameZh: t.name_zh,
      nameEn: t.name_en,
      thresholdFen: t.threshold_fen,
      multiplierPct: t.multiplier_pct,
      freeParkingHours: t.free_parking_hours,
      birthdayPoints: t.birthday_points,
      birthdayGiftTemplateId: t.birthday_gift_template_id,
    }));
  }

  async updateTier(code: string, input: UpdateTier): Promise<void> {
    await this.deps.db.transaction(async (sql) => {
      const tiers = await tiersRepository.list(sql);
      const current = tiers.find((t) => t.code === code);
      if (!current) throw new RulesProblem('not_found', `tier ${code} does not exist`);
      // Thresholds must rise with rank, or "the highest tier the spend reaches" is ambiguous.
      const index = tiers.indexOf(current);
      const below = tiers[index - 1];
      const above = tiers[index + 1];
      if ((below && input.thresholdFen <= below.threshold_fen) || (above && input.thresholdFen >= above.threshold_fen)) {
        const bounds = [below && `above ${below.code}'s ${below.threshold_fen}`, above && `below ${above.code}'s ${above.threshold_fen}`].filter(Boolean).join(' and ');
        throw new RulesProblem('invalid', `thresholdFen: must be ${bounds} (fen), so tiers keep rising with rank`);
      }
      if (current.rank === 0 && input.thresholdFen !== 0) throw new RulesProblem('invalid', 'thresholdFen: the base tier starts at 0');
      await tiersRepository.update(sql, {
        ...current,
        name_zh: input.nameZh,
        name_en: input.nameEn,
        threshold_fen: input.thresholdFen,
        multiplier_pct: input.multiplierPct,
        free_parking_hours: input.freeParkingHours,
        birthday_points: input.birthdayPoints,
        birthday_gift_template_id: input.birthdayGiftTemplateId,
      });
    });
    this.tierCache = undefined;
  }
}
