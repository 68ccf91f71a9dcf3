import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  claimRefusal,
  couponApplies,
  couponDiscount,
  couponStatusAt,
  couponValidity,
  type ClaimableTemplate,
  type CouponTemplateRule,
} from '@atrium/shared';
import { titled } from '../support/tables.js';

// The rules take `now` as an argument; a system clock far from every date below shows they never read it.
beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2001-09-09T01:46:40Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

const NOW = new Date('2026-03-15T12:00:00+08:00');

const TEMPLATE: ClaimableTemplate = {
  status: 'active',
  totalStock: 100,
  claimedCount: 10,
  perMemberLimit: 1,
  claimStartsAt: '2026-03-01T00:00:00+08:00',
  claimEndsAt: '2026-04-01T00:00:00+08:00',
  targetTiers: [],
  targetTags: [],
};
const MEMBER = { tier: 'gold', tags: ['tier:gold', 'lifecycle:active'], alreadyClaimed: 0 };

describe('whether a member may claim a coupon', () => {
  it.each(titled([
    { case: 'an open template with stock', template: {}, member: {}, now: NOW, refusal: null },
    { case: 'a paused template', template: { status: 'paused' as const }, member: {}, now: NOW, refusal: 'paused' },
    { case: 'a claim a second before the start', template: {}, member: {}, now: new Date('2026-02-28T23:59:59+08:00'), refusal: 'not_started' },
    { case: 'a claim at the very start', template: {}, member: {}, now: new Date('2026-03-01T00:00:00+08:00'), refusal: null },
    { case: 'a claim a millisecond before the end', template: {}, member: {}, now: new Date('2026-03-31T23:59:59.999+08:00'), refusal: null },
    { case: 'a claim at the very end', template: {}, member: {}, now: new Date('2026-04-01T00:00:00+08:00'), refusal: 'ended' },
    { case: 'a claim after the end', template: {}, member: {}, now: new Date('2026-05-01T00:00:00+08:00'), refusal: 'ended' },
    {
      case: 'a template with no claim window, years later',
      template: { claimStartsAt: null, claimEndsAt: null },
      member: {},
      now: new Date('2031-01-01T00:00:00+08:00'),
      refusal: null,
    },
    { case: 'the last coupon in stock', template: { claimedCount: 99 }, member: {}, now: NOW, refusal: null },
    { case: 'a template whose stock is all claimed', template: { claimedCount: 100 }, member: {}, now: NOW, refusal: 'out_of_stock' },
    { case: 'a template with no stock', template: { totalStock: 0, claimedCount: 0 }, member: {}, now: NOW, refusal: 'out_of_stock' },
    { case: 'a member at the limit of one', template: {}, member: { alreadyClaimed: 1 }, now: NOW, refusal: 'limit_reached' },
    { case: 'a member under a limit of three', template: { perMemberLimit: 3 }, member: { alreadyClaimed: 2 }, now: NOW, refusal: null },
    { case: 'a member at a limit of three', template: { perMemberLimit: 3 }, member: { alreadyClaimed: 3 }, now: NOW, refusal: 'limit_reached' },
    { case: 'a member of a tier not targeted', template: { targetTiers: ['platinum'] }, member: {}, now: NOW, refusal: 'not_eligible' },
    { case: 'a member of a targeted tier', template: { targetTiers: ['gold', 'platinum'] }, member: {}, now: NOW, refusal: null },
    { case: 'a member with one of the targeted tags', template: { targetTags: ['rfm:champion', 'lifecycle:active'] }, member: {}, now: NOW, refusal: null },
    { case: 'a member with none of the targeted tags', template: { targetTags: ['rfm:champion', 'lifecycle:new'] }, member: {}, now: NOW, refusal: 'not_eligible' },
    { case: 'a member with no tags and a tag target', template: { targetTags: ['birthday-month'] }, member: { tags: [] }, now: NOW, refusal: 'not_eligible' },
    {
      case: 'a member of a targeted tier without a targeted tag',
      template: { targetTiers: ['gold'], targetTags: ['birthday-month'] },
      member: {},
      now: NOW,
      refusal: 'not_eligible',
    },
  ], (r) =>
    `${r.case} is ${r.refusal === null ? 'allowed' : `refused as ${r.refusal}`}`,
  ))('%s', (_, { template, member, now, refusal }) => {
    expect(claimRefusal({ ...TEMPLATE, ...template }, { ...MEMBER, ...member }, now)).toBe(refusal);
  });

  // Several reasons at once: the order is paused, claim window, eligibility, the member's limit, then stock.
  it.each(titled([
    {
      case: 'paused, not started, not eligible, at the limit and out of stock',
      template: { status: 'paused' as const, claimStartsAt: '2026-04-01T00:00:00+08:00', claimEndsAt: null, targetTiers: ['silver'], claimedCount: 100 },
      member: { alreadyClaimed: 1 },
      refusal: 'paused',
    },
    {
      case: 'not started, not eligible, at the limit and out of stock',
      template: { claimStartsAt: '2026-04-01T00:00:00+08:00', claimEndsAt: null, targetTiers: ['silver'], claimedCount: 100 },
      member: { alreadyClaimed: 1 },
      refusal: 'not_started',
    },
    {
      case: 'ended, not eligible, at the limit and out of stock',
      template: { claimEndsAt: '2026-03-10T00:00:00+08:00', targetTags: ['rfm:champion'], claimedCount: 100 },
      member: { alreadyClaimed: 1 },
      refusal: 'ended',
    },
    {
      case: 'not eligible by tier, at the limit and out of stock',
      template: { targetTiers: ['silver'], claimedCount: 100 },
      member: { alreadyClaimed: 1 },
      refusal: 'not_eligible',
    },
    {
      case: 'not eligible by tag, at the limit and out of stock',
      template: { targetTags: ['rfm:champion'], claimedCount: 100 },
      member: { alreadyClaimed: 1 },
      refusal: 'not_eligible',
    },
    { case: 'at the limit and out of stock', template: { claimedCount: 100 }, member: { alreadyClaimed: 1 }, refusal: 'limit_reached' },
  ], (r) => `${r.case} is refused as ${r.refusal}`))('%s', (_, { template, member, refusal }) => {
    expect(claimRefusal({ ...TEMPLATE, ...template }, { ...MEMBER, ...member }, NOW)).toBe(refusal);
  });
});

const RULE: CouponTemplateRule = {
  kind: 'amount_off',
  valueFen: 20_00,
  percent: null,
  capFen: null,
  parkingHours: null,
  minSpendFen: 100_00,
  storeIds: ['S101', 'S102'],
  categories: ['fashion', 'shoes'],
};

describe('whether a coupon applies to a sale', () => {
  it.each(titled([
    { case: 'a sale in a listed store and category at the minimum', rule: {}, sale: { storeId: 'S101', category: 'fashion', amountFen: 100_00 }, result: { ok: true } },
    { case: 'a sale above the minimum in the other store', rule: {}, sale: { storeId: 'S102', category: 'shoes', amountFen: 500_00 }, result: { ok: true } },
    {
      case: 'a sale one fen under the minimum',
      rule: {},
      sale: { storeId: 'S101', category: 'shoes', amountFen: 99_99 },
      result: { ok: false, reason: 'minimum spend ¥100.00 not reached' },
    },
    {
      case: 'a sale under an odd minimum',
      rule: { minSpendFen: 88_50 },
      sale: { storeId: 'S101', category: 'shoes', amountFen: 10_00 },
      result: { ok: false, reason: 'minimum spend ¥88.50 not reached' },
    },
    {
      case: 'a sale in another store',
      rule: {},
      sale: { storeId: 'S999', category: 'fashion', amountFen: 500_00 },
      result: { ok: false, reason: 'not valid in this store' },
    },
    {
      case: 'a sale in another category',
      rule: {},
      sale: { storeId: 'S101', category: 'dining', amountFen: 500_00 },
      result: { ok: false, reason: 'only for fashion, shoes' },
    },
    {
      case: 'a sale in another category of a one-category coupon',
      rule: { categories: ['beauty'] },
      sale: { storeId: 'S101', category: 'dining', amountFen: 500_00 },
      result: { ok: false, reason: 'only for beauty' },
    },
    {
      case: 'a sale wrong in store, category and amount (the store is said first)',
      rule: {},
      sale: { storeId: 'S999', category: 'dining', amountFen: 1_00 },
      result: { ok: false, reason: 'not valid in this store' },
    },
    {
      case: 'a sale wrong in category and amount (the category is said first)',
      rule: {},
      sale: { storeId: 'S101', category: 'dining', amountFen: 1_00 },
      result: { ok: false, reason: 'only for fashion, shoes' },
    },
    {
      case: 'any sale of a coupon for every store and category',
      rule: { storeIds: [], categories: [], minSpendFen: 0 },
      sale: { storeId: 'S777', category: 'toys', amountFen: 0 },
      result: { ok: true },
    },
  ], (r) =>
    `${r.case} ${r.result.ok ? 'is accepted' : `is refused with "${r.result.reason}"`}`,
  ))('%s', (_, { rule, sale, result }) => {
    expect(couponApplies({ ...RULE, ...rule }, sale)).toEqual(result);
  });
});

describe('what a coupon takes off a sale', () => {
  it.each(titled([
    { case: '¥20 off a ¥100 sale', rule: { kind: 'amount_off' as const, valueFen: 20_00 }, amountFen: 100_00, discount: 20_00 },
    { case: '¥20 off a ¥20 sale', rule: { kind: 'amount_off' as const, valueFen: 20_00 }, amountFen: 20_00, discount: 20_00 },
    { case: '¥20 off a ¥15 sale', rule: { kind: 'amount_off' as const, valueFen: 20_00 }, amountFen: 15_00, discount: 15_00 },
    { case: '¥20 off nothing', rule: { kind: 'amount_off' as const, valueFen: 20_00 }, amountFen: 0, discount: 0 },
    { case: 'an amount-off coupon with no value', rule: { kind: 'amount_off' as const, valueFen: null }, amountFen: 100_00, discount: 0 },
    { case: '15% off ¥100 with no cap', rule: { kind: 'percent_off' as const, percent: 15, capFen: null }, amountFen: 100_00, discount: 15_00 },
    { case: '15% off ¥99.99, floored', rule: { kind: 'percent_off' as const, percent: 15, capFen: null }, amountFen: 99_99, discount: 14_99 },
    { case: '15% off 6 fen, floored to nothing', rule: { kind: 'percent_off' as const, percent: 15, capFen: null }, amountFen: 6, discount: 0 },
    { case: '15% off ¥100 capped at ¥10', rule: { kind: 'percent_off' as const, percent: 15, capFen: 10_00 }, amountFen: 100_00, discount: 10_00 },
    { case: '15% off ¥100 under a ¥20 cap', rule: { kind: 'percent_off' as const, percent: 15, capFen: 20_00 }, amountFen: 100_00, discount: 15_00 },
    { case: '15% off ¥100 exactly at a ¥15 cap', rule: { kind: 'percent_off' as const, percent: 15, capFen: 15_00 }, amountFen: 100_00, discount: 15_00 },
    { case: '100% off ¥88.88', rule: { kind: 'percent_off' as const, percent: 100, capFen: null }, amountFen: 88_88, discount: 88_88 },
    { case: '100% off ¥88.88 with a cap above the sale', rule: { kind: 'percent_off' as const, percent: 100, capFen: 500_00 }, amountFen: 88_88, discount: 88_88 },
    { case: 'a percent-off coupon with no percent', rule: { kind: 'percent_off' as const, percent: null, capFen: null }, amountFen: 100_00, discount: 0 },
    { case: 'a gift coupon', rule: { kind: 'gift' as const, valueFen: 50_00 }, amountFen: 100_00, discount: 0 },
    { case: 'a parking coupon', rule: { kind: 'parking_hours' as const, parkingHours: 3, valueFen: 10_00 }, amountFen: 100_00, discount: 0 },
  ], (r) => `${r.case} takes off ${r.discount} fen`))('%s', (_, { rule, amountFen, discount }) => {
    expect(couponDiscount({ ...RULE, ...rule }, amountFen)).toBe(discount);
  });

  it('never takes off more than the sale nor less than nothing', () => {
    const rules: CouponTemplateRule[] = [
      { ...RULE, kind: 'amount_off', valueFen: 300_00 },
      { ...RULE, kind: 'percent_off', percent: 100, capFen: null },
      { ...RULE, kind: 'percent_off', percent: 35, capFen: 50_00 },
    ];
    for (const rule of rules) {
      for (const amountFen of [0, 1, 99, 100_00, 299_99, 1_000_00]) {
        const discount = couponDiscount(rule, amountFen);
        expect(discount).toBeGreaterThanOrEqual(0);
        expect(discount).toBeLessThanOrEqual(amountFen);
        expect(Number.isInteger(discount)).toBe(true);
      }
    }
  });
});

describe('when a claimed coupon is valid', () => {
  const claimedAt = new Date('2026-03-15T04:30:00.000Z');

  it.each(titled([
    {
      case: 'fixed dates',
      validity: { validFrom: '2026-03-01T00:00:00.000Z', validUntil: '2026-03-31T16:00:00.000Z', validDays: null },
      result: { validFrom: '2026-03-01T00:00:00.000Z', validUntil: '2026-03-31T16:00:00.000Z' },
    },
    {
      case: 'fixed dates with zero days',
      validity: { validFrom: '2026-03-01T00:00:00.000Z', validUntil: '2026-03-31T16:00:00.000Z', validDays: 0 },
      result: { validFrom: '2026-03-01T00:00:00.000Z', validUntil: '2026-03-31T16:00:00.000Z' },
    },
    {
      case: '7 days from the claim',
      validity: { validFrom: null, validUntil: null, validDays: 7 },
      result: { validFrom: '2026-03-15T04:30:00.000Z', validUntil: '2026-03-22T04:30:00.000Z' },
    },
    {
      case: '1 day from the claim',
      validity: { validFrom: null, validUntil: null, validDays: 1 },
      result: { validFrom: '2026-03-15T04:30:00.000Z', validUntil: '2026-03-16T04:30:00.000Z' },
    },
    {
      case: '30 days from the claim, across a month end',
      validity: { validFrom: null, validUntil: null, validDays: 30 },
      result: { validFrom: '2026-03-15T04:30:00.000Z', validUntil: '2026-04-14T04:30:00.000Z' },
    },
    {
      case: 'a fixed end from the moment of the claim',
      validity: { validFrom: null, validUntil: '2026-03-31T16:00:00.000Z', validDays: null },
      result: { validFrom: '2026-03-15T04:30:00.000Z', validUntil: '2026-03-31T16:00:00.000Z' },
    },
  ], (r) => `${r.case} is valid from ${r.result.validFrom} until ${r.result.validUntil}`))('%s', (_, { validity, result }) => {
    expect(couponValidity(validity, claimedAt)).toEqual(result);
  });
});

describe('the status of a coupon at a moment', () => {
  const COUPON = {
    status: 'available' as const,
    validFrom: '2026-03-01T00:00:00+08:00',
    validUntil: '2026-04-01T00:00:00+08:00',
    reservedUntil: null,
  };
  const RESERVED = { ...COUPON, status: 'reserved' as const, reservedUntil: '2026-03-15T12:05:00+08:00' };
  const REDEEMED = { ...COUPON, status: 'redeemed' as const };

  it.each(titled([
    { case: 'an available coupon in its validity', coupon: COUPON, now: NOW, status: 'available' },
    { case: 'an available coupon at the first instant of its validity', coupon: COUPON, now: new Date('2026-03-01T00:00:00+08:00'), status: 'available' },
    { case: 'an available coupon a millisecond before its validity', coupon: COUPON, now: new Date('2026-02-28T23:59:59.999+08:00'), status: 'not_yet_valid' },
    { case: 'an available coupon a millisecond before it expires', coupon: COUPON, now: new Date('2026-03-31T23:59:59.999+08:00'), status: 'available' },
    { case: 'an available coupon at exactly its validUntil', coupon: COUPON, now: new Date('2026-04-01T00:00:00+08:00'), status: 'expired' },
    { case: 'an available coupon after its validity', coupon: COUPON, now: new Date('2026-06-01T00:00:00+08:00'), status: 'expired' },
    { case: 'a redeemed coupon in its validity', coupon: REDEEMED, now: NOW, status: 'redeemed' },
    { case: 'a redeemed coupon after its validity', coupon: REDEEMED, now: new Date('2026-06-01T00:00:00+08:00'), status: 'redeemed' },
    { case: 'a redeemed coupon before its validity', coupon: REDEEMED, now: new Date('2026-02-01T00:00:00+08:00'), status: 'redeemed' },
    { case: 'a coupon reserved by a till until later', coupon: RESERVED, now: NOW, status: 'reserved' },
    { case: 'a reservation a millisecond before it lapses', coupon: RESERVED, now: new Date('2026-03-15T12:04:59.999+08:00'), status: 'reserved' },
    { case: 'a reservation at the instant it lapses', coupon: RESERVED, now: new Date('2026-03-15T12:05:00+08:00'), status: 'available' },
    { case: 'a reservation that lapsed an hour ago', coupon: RESERVED, now: new Date('2026-03-15T13:05:00+08:00'), status: 'available' },
    {
      case: 'a reserved coupon past its validity',
      coupon: { ...RESERVED, reservedUntil: '2026-04-01T00:05:00+08:00' },
      now: new Date('2026-04-01T00:01:00+08:00'),
      status: 'expired',
    },
  ], (r) => `${r.case} is ${r.status}`))('%s', (_, { coupon, now, status }) => {
    expect(couponStatusAt(coupon, now)).toBe(status);
  });
});
