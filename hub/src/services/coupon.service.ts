import { randomInt } from 'node:crypto';
import {
  claimRefusal,
  couponApplies,
  couponDiscount,
  couponStatusAt,
  couponValidity,
  type ClaimRefusal,
  type CouponReserve,
  type CouponReserveResult,
  type CouponTemplateInput,
  type PosTxResult,
} from '@atrium/shared';
import type { Database, Sql } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/events.js';
import { couponsRepository, toClaimable, toTemplateRule, type CouponRow, type CouponTemplateRow, type NewTemplate } from '../repositories/coupons.repository.js';
import { layoutRepository } from '../repositories/layout.repository.js';
import { membersRepository } from '../repositories/members.repository.js';
import { segmentsRepository } from '../repositories/segments.repository.js';
import { DomainProblem } from './domain-problem.js';

/** How long a till's hold on a coupon lasts before it returns to the member. */
export const RESERVATION_MINUTES = 10;

/** Crockford-style alphabet: no I, L, O, U, so a code read aloud or typed is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 16 characters × 5 bits = 80 bits: unguessable, and still a small QR code. */
export function newCouponCode(): string {
  let code = '';
  for (let i = 0; i < 16; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

export class CouponProblem extends DomainProblem<'invalid' | 'not_found' | ClaimRefusal> {}

const REFUSAL_TEXT: Record<ClaimRefusal, string> = {
  paused: 'this coupon is paused',
  not_started: 'this coupon cannot be claimed yet',
  ended: 'the claim period of this coupon has ended',
  out_of_stock: 'this coupon is out of stock',
  limit_reached: 'you have already claimed this coupon as often as allowed',
  not_eligible: 'this coupon is for other members',
};

export interface CouponView {
  code: string;
  templateId: number;
  title: { zh: string; en: string };
  kind: string;
  status: string;
  validFrom: string;
  validUntil: string;
  discountFen: number | null;
  redeemedAt: string | null;
}

export interface TemplateView {
  id: number;
  title: { zh: string; en: string };
  kind: string;
  valueFen: number | null;
  percent: number | null;
  capFen: number | null;
  parkingHours: number | null;
  minSpendFen: number;
  storeIds: string[];
  categories: string[];
  totalStock: number;
  claimed: number;
  stockLeft: number;
  perMemberLimit: number;
  claimStartsAt: string | null;
  claimEndsAt: string | null;
  validFrom: string | null;
  validUntil: string | null;
  validDays: number | null;
  targetTiers: string[];
  targetTags: string[];
  status: string;
}

/**
 * Coupons: templates with stock, claims by members, and at the till a hold
 * (reserve) that the purchase captures. Every state change is one transaction on
 * the hub's single connection, so two tills can never both win the same code.
 */
export class CouponService {
  constructor(private readonly deps: { db: Database; clock: Clock; events: EventBus }) {}

  async createTemplate(input: CouponTemplateInput): Promise<TemplateView> {
    const id = await couponsRepository.insertTemplate(this.deps.db, this.toRow(input, this.deps.clock.now().toISOString()));
    return this.template(id);
  }

  async updateTemplate(id: number, input: CouponTemplateInput): Promise<TemplateView> {
    await this.deps.db.transaction(async (sql) => {
      const current = await couponsRepository.template(sql, id);
      if (!current) throw new CouponProblem('not_found', `coupon template ${id} does not exist`);
      if (input.totalStock < current.claimed_count) {
        throw new CouponProblem('invalid', `totalStock: ${current.claimed_count} are already claimed; stock cannot go below that`);
      }
      await couponsRepository.updateTemplate(sql, id, { ...this.toRow(input, this.deps.clock.now().toISOString()), status: current.status, created_at: current.created_at });
    });
    return this.template(id);
  }

  async setStatus(id: number, status: 'active' | 'paused'): Promise<TemplateView> {
    if (!(await couponsRepository.template(this.deps.db, id))) throw new CouponProblem('not_found', `coupon template ${id} does not exist`);
    await couponsRepository.setTemplateStatus(this.deps.db, id, status, this.deps.clock.now().toISOString());
    return this.template(id);
  }

  async template(id: number): Promise<TemplateView> {
    const row = await couponsRepository.template(this.deps.db, id);
    if (!row) throw new CouponProblem('not_found', `coupon template ${id} does not exist`);
    return templateView(row);
  }

  async templates(): Promise<TemplateView[]> {
    return (await couponsRepository.templates(this.deps.db)).map(templateView);
  }

  /** A member claims a coupon (kiosk, member pass, campaign): targeting, window, limit and stock all checked at once. */
  async claim(memberId: number, templateId: number, source = 'kiosk'): Promise<CouponView> {
    const now = this.deps.clock.now();
    const code = await this.deps.db.transaction(async (sql) => {
      const template = await couponsRepository.template(sql, templateId);
      if (!template) throw new CouponProblem('not_found', `coupon template ${templateId} does not exist`);
      const member = await membersRepository.findById(sql, memberId);
      if (!member) throw new CouponProblem('not_found', `member ${memberId} does not exist`);
      const refusal = claimRefusal(
        toClaimable(template),
        { tier: member.tier_code, tags: await segmentsRepository.tags(sql, memberId), alreadyClaimed: await couponsRepository.claimedBy(sql, templateId, memberId) },
        now,
      );
      if (refusal) throw new CouponProblem(refusal, REFUSAL_TEXT[refusal]);
      return this.issueWithin(sql, template, memberId, source, now);
    });
    this.deps.events.emit('couponClaimed', { memberId, templateId, code, source });
    return this.coupon(code);
  }

  /**
   * Issues a coupon inside the caller's transaction, taking stock (rewards,
   * birthday gifts and campaigns use this; claim rules were checked by the caller).
   */
  async issueWithin(sql: Sql, template: CouponTemplateRow, memberId: number, source: string, now: Date): Promise<string> {
    if (!(await couponsRepository.takeStock(sql, template.id))) throw new CouponProblem('out_of_stock', REFUSAL_TEXT.out_of_stock);
    const code = newCouponCode();
    const validity = couponValidity({ validFrom: template.valid_from, validUntil: template.valid_until, validDays: template.valid_days }, now);
    await couponsRepository.insertCoupon(sql, {
      code,
      template_id: template.id,
      member_id: memberId,
      source,
      claimed_at: now.toISOString(),
      valid_from: validity.validFrom,
      valid_until: validity.validUntil,
    });
    return code;
  }

  async coupon(code: string): Promise<CouponView> {
    const row = await couponsRepository.coupon(this.deps.db, code);
    if (!row) throw new CouponProblem('not_found', 'no such coupon');
    const template = (await couponsRepository.template(this.deps.db, row.template_id))!;
    return this.view(row, template);
  }

  async walletCoupons(memberId: number): Promise<CouponView[]> {
    const rows = await couponsRepository.forMember(this.deps.db, memberId);
    const templates = new Map<number, CouponTemplateRow>();
    const views: CouponView[] = [];
    for (const row of rows) {
      if (!templates.has(row.template_id)) templates.set(row.template_id, (await couponsRepository.template(this.deps.db, row.template_id))!);
      views.push(this.view(row, templates.get(row.template_id)!));
    }
    return views;
  }

  /** A till asks to hold a coupon for a sale. Idempotent by (store, requestId); a second sale cannot hold a held code. */
  async reserve(storeId: string, req: CouponReserve): Promise<CouponReserveResult> {
    const now = this.deps.clock.now();
    return this.deps.db.transaction(async (sql) => {
      const earlier = await couponsRepository.reserveResult(sql, storeId, req.requestId);
      if (earlier) return JSON.parse(earlier) as CouponReserveResult;
      const result = await this.decideReserve(sql, storeId, req, now);
      await couponsRepository.saveReserveResult(sql, storeId, req.requestId, JSON.stringify(result), now.toISOString());
      return result;
    });
  }

  private async decideReserve(sql: Sql, storeId: string, req: CouponReserve, now: Date): Promise<CouponReserveResult> {
    const answer = (status: CouponReserveResult['status'], reason?: string, extra: Partial<CouponReserveResult> = {}): CouponReserveResult => ({
      requestId: req.requestId,
      code: req.code,
      status,
      ...extra,
      ...(reason ? { reason } : {}),
    });
    const store = await layoutRepository.store(sql, storeId);
    if (!store) return answer('invalid', `unknown store ${storeId}; register it in the console`);
    const coupon = await couponsRepository.coupon(sql, req.code.trim().toUpperCase());
    if (!coupon) return answer('invalid', 'no such coupon code');
    const state = couponStatusAt(this.stateOf(coupon), now);
    if (state === 'redeemed') return answer('used', 'this coupon has already been redeemed');
    if (state === 'expired') return answer('expired', `this coupon expired at ${coupon.valid_until}`);
    if (state === 'not_yet_valid') return answer('invalid', `this coupon is valid from ${coupon.valid_from}`);
    const sameSale = coupon.reserved_store_id === storeId && coupon.reserved_tx_id === req.txId;
    if (state === 'reserved' && !sameSale) return answer('used', `this coupon is held by another sale until ${coupon.reserved_until}`);
    const template = (await couponsRepository.template(sql, coupon.template_id))!;
    const applies = couponApplies(toTemplateRule(template), { storeId, category: store.category, amountFen: req.amount });
    if (!applies.ok) return answer('not_applicable', applies.reason);
    const discount = couponDiscount(toTemplateRule(template), req.amount);
    const until = new Date(now.getTime() + RESERVATION_MINUTES * 60_000).toISOString();
    await couponsRepository.reserve(sql, coupon.code, storeId, req.txId, until, discount);
    return answer('reserved', undefined, { discount, reservedUntil: until });
  }

  /**
   * Captures coupons named on a purchase, inside the purchase's transaction. A code
   * held for this sale, or still available and applicable, is redeemed; anything
   * else is reported back to the till with its status and nothing changes.
   */
  async captureWithin(sql: Sql, sale: { storeId: string; txId: string; category: string; amountFen: number }, codes: readonly string[], now: Date): Promise<NonNullable<PosTxResult['coupons']>> {
    const results: NonNullable<PosTxResult['coupons']> = [];
    for (const raw of new Set(codes.map((c) => c.trim().toUpperCase()))) {
      const coupon = await couponsRepository.coupon(sql, raw);
      if (!coupon) {
        results.push({ code: raw, status: 'invalid' });
        continue;
      }
      const state = couponStatusAt(this.stateOf(coupon), now);
      const heldHere = coupon.status === 'reserved' && coupon.reserved_store_id === sale.storeId && coupon.reserved_tx_id === sale.txId;
      if (state === 'redeemed') {
        results.push({ code: raw, status: 'used' });
        continue;
      }
      // A sale that reserved the coupon in time keeps it even if the hold lapsed while the customer paid.
      if (!heldHere && state !== 'available') {
        results.push({ code: raw, status: state === 'reserved' ? 'used' : state === 'expired' ? 'expired' : 'invalid' });
        continue;
      }
      const template = (await couponsRepository.template(sql, coupon.template_id))!;
      const rule = toTemplateRule(template);
      if (!couponApplies(rule, { storeId: sale.storeId, category: sale.category, amountFen: sale.amountFen }).ok && !heldHere) {
        results.push({ code: raw, status: 'not_applicable' });
        continue;
      }
      const discount = heldHere && coupon.discount_fen !== null ? coupon.discount_fen : couponDiscount(rule, sale.amountFen);
      await couponsRepository.redeem(sql, coupon.code, sale.storeId, sale.txId, now.toISOString(), discount);
      results.push({ code: raw, status: 'redeemed', discount });
    }
    return results;
  }

  releaseLapsed(): Promise<number> {
    return couponsRepository.releaseLapsed(this.deps.db, this.deps.clock.now().toISOString());
  }

  private stateOf(c: CouponRow) {
    return { status: c.status, validFrom: c.valid_from, validUntil: c.valid_until, reservedUntil: c.reserved_until };
  }

  private view(row: CouponRow, template: CouponTemplateRow): CouponView {
    return {
      code: row.code,
      templateId: row.template_id,
      title: { zh: template.title_zh, en: template.title_en },
      kind: template.kind,
      status: couponStatusAt(this.stateOf(row), this.deps.clock.now()),
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      discountFen: row.discount_fen,
      redeemedAt: row.redeemed_at,
    };
  }

  private toRow(t: CouponTemplateInput, at: string): NewTemplate {
    return {
      title_zh: t.titleZh,
      title_en: t.titleEn,
      kind: t.kind,
      value_fen: t.valueFen ?? null,
      percent: t.percent ?? null,
      cap_fen: t.capFen ?? null,
      parking_hours: t.parkingHours ?? null,
      min_spend_fen: t.minSpendFen,
      store_ids_json: JSON.stringify(t.storeIds),
      categories_json: JSON.stringify(t.categories),
      total_stock: t.totalStock,
      per_member_limit: t.perMemberLimit,
      claim_starts_at: t.claimStartsAt ? new Date(t.claimStartsAt).toISOString() : null,
      claim_ends_at: t.claimEndsAt ? new Date(t.claimEndsAt).toISOString() : null,
      valid_from: t.validFrom ? new Date(t.validFrom).toISOString() : null,
      valid_until: t.validUntil ? new Date(t.validUntil).toISOString() : null,
      valid_days: t.validDays ?? null,
      target_tiers_json: JSON.stringify(t.targetTiers),
      target_tags_json: JSON.stringify(t.targetTags),
      status: 'active',
      created_at: at,
      updated_at: at,
    };
  }
}

function templateView(t: CouponTemplateRow): TemplateView {
  const rule = toTemplateRule(t);
  const claim = toClaimable(t);
  return {
    id: t.id,
    title: { zh: t.title_zh, en: t.title_en },
    kind: rule.kind,
    valueFen: rule.valueFen,
    percent: rule.percent,
    capFen: rule.capFen,
    parkingHours: rule.parkingHours,
    minSpendFen: rule.minSpendFen,
    storeIds: rule.storeIds,
    categories: rule.categories,
    totalStock: claim.totalStock,
    claimed: claim.claimedCount,
    stockLeft: claim.totalStock - claim.claimedCount,
    perMemberLimit: claim.perMemberLimit,
    claimStartsAt: claim.claimStartsAt,
    claimEndsAt: claim.claimEndsAt,
    validFrom: t.valid_from,
    validUntil: t.valid_until,
    validDays: t.valid_days,
    targetTiers: claim.targetTiers,
    targetTags: claim.targetTags,
    status: claim.status,
  };
}
