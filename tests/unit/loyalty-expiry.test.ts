import { describe, expect, it } from 'vitest';
import { pointsToExpire, type LedgerMovement } from '@atrium/shared';
import { titled } from '../support/tables.js';

const earn = (delta: number, at: string): LedgerMovement => ({ delta, at: `${at}T12:00:00+08:00` });
const deduct = (delta: number, at: string): LedgerMovement => ({ delta: -delta, at: `${at}T12:00:00+08:00` });
const cutoffOf = (day: string) => new Date(`${day}T00:00:00+08:00`);
const sum = (movements: readonly LedgerMovement[]) => movements.reduce((s, m) => s + m.delta, 0);

describe('points that expire at a cutoff', () => {
  it.each(titled([
    { case: 'an empty ledger', movements: [], cutoff: '2026-01-01', expire: 0 },
    { case: 'one lot earned before the cutoff', movements: [earn(100, '2025-03-01')], cutoff: '2026-01-01', expire: 100 },
    { case: 'one lot earned after the cutoff', movements: [earn(100, '2026-02-01')], cutoff: '2026-01-01', expire: 0 },
    {
      case: 'lots all newer than the cutoff, with spends',
      movements: [earn(100, '2026-02-01'), deduct(30, '2026-02-10'), earn(50, '2026-03-01')],
      cutoff: '2026-01-01',
      expire: 0,
    },
    {
      case: 'a lot earned exactly at the cutoff',
      movements: [{ delta: 100, at: '2026-01-01T00:00:00+08:00' }],
      cutoff: '2026-01-01',
      expire: 0,
    },
    {
      case: 'a lot earned a millisecond before the cutoff',
      movements: [{ delta: 100, at: '2025-12-31T15:59:59.999Z' }],
      cutoff: '2026-01-01',
      expire: 100,
    },
    {
      case: 'an old and a new lot',
      movements: [earn(100, '2025-06-01'), earn(200, '2026-02-01')],
      cutoff: '2026-01-01',
      expire: 100,
    },
    {
      case: 'a spend smaller than the oldest lot',
      movements: [earn(100, '2025-03-01'), earn(200, '2025-06-01'), deduct(60, '2025-08-01')],
      cutoff: '2026-01-01',
      expire: 240,
    },
    {
      case: 'a spend that uses the oldest lot and part of the next',
      movements: [earn(100, '2025-03-01'), earn(200, '2025-06-01'), earn(50, '2026-02-01'), deduct(150, '2025-12-01')],
      cutoff: '2025-09-01',
      expire: 150,
    },
    {
      case: 'a spend after the cutoff, which still uses the oldest points first',
      movements: [earn(100, '2025-03-01'), earn(200, '2026-02-01'), deduct(120, '2026-03-01')],
      cutoff: '2026-01-01',
      expire: 0,
    },
    {
      case: 'a spend after the cutoff smaller than the old lot',
      movements: [earn(100, '2025-03-01'), earn(200, '2026-02-01'), deduct(30, '2026-03-01')],
      cutoff: '2026-01-01',
      expire: 70,
    },
    {
      case: 'everything spent',
      movements: [earn(100, '2025-03-01'), earn(50, '2025-04-01'), deduct(150, '2025-05-01')],
      cutoff: '2026-01-01',
      expire: 0,
    },
    {
      case: 'a debt paid by the next old lot',
      movements: [earn(100, '2025-01-01'), deduct(100, '2025-02-01'), deduct(40, '2025-03-01'), earn(100, '2025-04-01')],
      cutoff: '2025-06-01',
      expire: 60,
    },
    {
      case: 'a debt larger than the next lot, paid by two lots',
      movements: [earn(100, '2025-01-01'), deduct(100, '2025-02-01'), deduct(150, '2025-03-01'), earn(100, '2025-04-01'), earn(80, '2025-05-01')],
      cutoff: '2025-06-01',
      expire: 30,
    },
    {
      case: 'a debt paid by a lot newer than the cutoff while an older lot was spent',
      movements: [earn(100, '2025-01-01'), deduct(130, '2025-02-01'), earn(20, '2025-04-01'), earn(100, '2025-07-01')],
      cutoff: '2025-06-01',
      expire: 0,
    },
    {
      case: 'a debt still unpaid',
      movements: [earn(100, '2025-01-01'), deduct(100, '2025-02-01'), deduct(150, '2025-03-01'), earn(100, '2025-04-01')],
      cutoff: '2025-06-01',
      expire: 0,
    },
    {
      case: 'a movement of zero points',
      movements: [earn(100, '2025-01-01'), { delta: 0, at: '2025-02-01T00:00:00Z' }],
      cutoff: '2025-06-01',
      expire: 100,
    },
  ], (r) => `${r.case}: ${r.expire} points expire`))('%s', (_, { movements, cutoff, expire }) => {
    expect(pointsToExpire(movements, cutoffOf(cutoff))).toBe(expire);
  });

  it('expires nothing more when run twice, because the first expiry counts as a deduction', () => {
    const ledger: LedgerMovement[] = [
      earn(100, '2024-05-01'),
      earn(200, '2024-11-01'),
      deduct(50, '2025-02-01'),
      earn(70, '2025-08-01'),
    ];
    const cutoff = cutoffOf('2024-12-31');
    const first = pointsToExpire(ledger, cutoff);
    expect(first).toBe(250);
    ledger.push(deduct(first, '2025-12-31'));
    expect(pointsToExpire(ledger, cutoff)).toBe(0);
    expect(pointsToExpire(ledger, cutoffOf('2025-01-01'))).toBe(0);

    // A year later only what was earned in the following year is left to expire.
    ledger.push(deduct(20, '2026-03-01'));
    const nextYear = cutoffOf('2025-12-31');
    const second = pointsToExpire(ledger, nextYear);
    expect(second).toBe(50);
    ledger.push(deduct(second, '2026-12-31'));
    expect(pointsToExpire(ledger, nextYear)).toBe(0);
    expect(sum(ledger)).toBe(0);
  });

  it('expires nothing more when the expiry entry is dated at the cutoff itself', () => {
    const ledger: LedgerMovement[] = [earn(100, '2025-03-01'), earn(40, '2025-11-01'), earn(60, '2026-02-01')];
    const cutoff = cutoffOf('2026-01-01');
    const first = pointsToExpire(ledger, cutoff);
    expect(first).toBe(140);
    ledger.push({ delta: -first, at: cutoff.toISOString() });
    expect(pointsToExpire(ledger, cutoff)).toBe(0);
  });

  it('judges the order by instant, not by input order', () => {
    // Newest first: a spend must still take the old lot, which then has nothing left to expire.
    const newestFirst: LedgerMovement[] = [deduct(100, '2026-03-01'), earn(100, '2026-02-01'), earn(100, '2025-03-01')];
    expect(pointsToExpire(newestFirst, cutoffOf('2026-01-01'))).toBe(0);
  });

  it('orders movements written with different offsets by the instant they name', () => {
    const movements: LedgerMovement[] = [
      // 2025-03-01T00:00Z: sorts before the spend as text, but is 1 h after it.
      { delta: 100, at: '2025-03-01T00:00:00Z' },
      { delta: 100, at: '2025-01-01T00:00:00Z' },
      // 2025-02-28T23:00Z
      { delta: -100, at: '2025-03-01T07:00:00+08:00' },
    ];
    // The spend uses the January lot; the March lot, newer than the cutoff, is kept.
    expect(pointsToExpire(movements, new Date('2025-02-28T23:30:00Z'))).toBe(0);
    expect(pointsToExpire(movements, new Date('2025-03-01T00:00:00.001Z'))).toBe(100);
  });

  const scenario: LedgerMovement[] = [
    earn(100, '2025-01-01'),
    earn(200, '2025-02-01'),
    deduct(250, '2025-03-01'),
    deduct(80, '2025-04-01'),
    earn(40, '2025-05-01'),
    earn(90, '2025-07-01'),
    deduct(10, '2025-08-01'),
    earn(300, '2026-02-01'),
  ];
  it.each(titled([
    { order: 'chronological', movements: scenario },
    { order: 'reversed', movements: [...scenario].reverse() },
    { order: 'interleaved', movements: scenario.filter((_, i) => i % 2 === 1).concat(scenario.filter((_, i) => i % 2 === 0)) },
    { order: 'rotated', movements: [...scenario.slice(5), ...scenario.slice(0, 5)] },
  ], (r) => `gives the same answer for ${r.order} input`))('%s', (_, { movements }) => {
    // 250 spent from the January and February lots, 80 more leaves a debt of 30 that the May lot pays;
    // the August spend takes the rest of the May lot, so the July lot is what is left before the cutoff.
    expect(pointsToExpire(movements, cutoffOf('2026-01-01'))).toBe(90);
  });

  it('never expires more than the balance nor less than zero', () => {
    let seed = 42;
    const next = (max: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % max;
    };
    const start = Date.parse('2025-01-01T00:00:00Z');
    for (let trial = 0; trial < 200; trial++) {
      const movements: LedgerMovement[] = [];
      for (let i = 0; i < 12; i++) {
        const delta = next(3) === 0 ? -next(300) : next(200);
        movements.push({ delta, at: new Date(start + next(365) * 86_400_000).toISOString() });
      }
      const expire = pointsToExpire(movements, new Date(start + 200 * 86_400_000));
      expect(expire).toBeGreaterThanOrEqual(0);
      expect(expire).toBeLessThanOrEqual(Math.max(0, sum(movements)));
    }
  });
});
