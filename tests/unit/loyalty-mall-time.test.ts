import { describe, expect, it } from 'vitest';
import { addDays, mallMoment, monthsBefore } from '@atrium/shared';
import { titled } from '../support/tables.js';

const SHANGHAI = 'Asia/Shanghai';

describe('the mall moment of an instant', () => {
  it.each(titled([
    {
      instant: '2026-03-01T15:59:00Z',
      zone: SHANGHAI,
      moment: { day: '2026-03-01', weekday: 7, minute: 23 * 60 + 59, month: 3, year: 2026 },
    },
    {
      instant: '2026-03-01T15:59:00Z',
      zone: 'UTC',
      moment: { day: '2026-03-01', weekday: 7, minute: 15 * 60 + 59, month: 3, year: 2026 },
    },
    {
      instant: '2026-03-01T16:30:00Z',
      zone: SHANGHAI,
      moment: { day: '2026-03-02', weekday: 1, minute: 30, month: 3, year: 2026 },
    },
    {
      instant: '2026-03-01T16:30:00Z',
      zone: 'UTC',
      moment: { day: '2026-03-01', weekday: 7, minute: 16 * 60 + 30, month: 3, year: 2026 },
    },
    {
      instant: '2025-12-31T16:00:00Z',
      zone: SHANGHAI,
      moment: { day: '2026-01-01', weekday: 4, minute: 0, month: 1, year: 2026 },
    },
    {
      instant: '2025-12-31T16:00:00Z',
      zone: 'UTC',
      moment: { day: '2025-12-31', weekday: 3, minute: 16 * 60, month: 12, year: 2025 },
    },
    {
      instant: '2025-12-31T15:59:00Z',
      zone: SHANGHAI,
      moment: { day: '2025-12-31', weekday: 3, minute: 1439, month: 12, year: 2025 },
    },
    {
      instant: '2024-02-28T16:00:00Z',
      zone: SHANGHAI,
      moment: { day: '2024-02-29', weekday: 4, minute: 0, month: 2, year: 2024 },
    },
    {
      instant: '2026-03-02T00:30:00+08:00',
      zone: SHANGHAI,
      moment: { day: '2026-03-02', weekday: 1, minute: 30, month: 3, year: 2026 },
    },
  ], (r) =>
    `${r.instant} is ${r.moment.day}, weekday ${r.moment.weekday}, minute ${r.moment.minute} in ${r.zone}`,
  ))('%s', (_, { instant, zone, moment }) => {
    expect(mallMoment(new Date(instant), zone)).toEqual(moment);
  });

  it.each(titled([
    { day: '2026-01-05', name: 'Monday', weekday: 1 },
    { day: '2026-01-06', name: 'Tuesday', weekday: 2 },
    { day: '2026-01-07', name: 'Wednesday', weekday: 3 },
    { day: '2026-01-08', name: 'Thursday', weekday: 4 },
    { day: '2026-01-09', name: 'Friday', weekday: 5 },
    { day: '2026-01-10', name: 'Saturday', weekday: 6 },
    { day: '2026-01-11', name: 'Sunday', weekday: 7 },
  ], (r) => `${r.day} is a ${r.name}, numbered ${r.weekday}`))('%s', (_, { day, weekday }) => {
    expect(mallMoment(new Date(`${day}T12:00:00+08:00`), SHANGHAI).weekday).toBe(weekday);
  });

  it('counts the mall midnight as minute 0, never 1440', () => {
    expect(mallMoment(new Date('2026-05-31T16:00:00Z'), SHANGHAI).minute).toBe(0);
    expect(mallMoment(new Date('2026-06-01T00:00:00Z'), 'UTC').minute).toBe(0);
  });

  it('keeps every minute of a mall day between 0 and 1439 and on the same day', () => {
    const start = Date.parse('2026-03-02T00:00:00+08:00');
    for (let m = 0; m < 1440; m += 7) {
      const moment = mallMoment(new Date(start + m * 60_000), SHANGHAI);
      expect(moment.minute).toBe(m);
      expect(moment.day).toBe('2026-03-02');
    }
  });
});

describe('calendar days', () => {
  it.each(titled([
    { day: '2026-11-30', days: 1, result: '2026-12-01' },
    { day: '2026-12-31', days: 1, result: '2027-01-01' },
    { day: '2027-01-01', days: -1, result: '2026-12-31' },
    { day: '2026-02-28', days: 1, result: '2026-03-01' },
    { day: '2024-02-28', days: 1, result: '2024-02-29' },
    { day: '2024-02-29', days: 1, result: '2024-03-01' },
    { day: '2024-03-01', days: -1, result: '2024-02-29' },
    { day: '2024-02-29', days: 365, result: '2025-02-28' },
    { day: '2026-01-31', days: 30, result: '2026-03-02' },
    { day: '2026-05-10', days: 0, result: '2026-05-10' },
    { day: '2026-03-29', days: 7, result: '2026-04-05' },
  ], (r) => `${r.day} plus ${r.days} day(s) is ${r.result}`))('%s', (_, { day, days, result }) => {
    expect(addDays(day, days)).toBe(result);
  });
});

describe('whole months before an instant', () => {
  it.each(titled([
    { instant: '2026-03-31T10:00:00.000Z', months: 1, result: '2026-02-28T10:00:00.000Z' },
    { instant: '2024-03-31T10:00:00.000Z', months: 1, result: '2024-02-29T10:00:00.000Z' },
    { instant: '2026-05-31T23:59:59.999Z', months: 1, result: '2026-04-30T23:59:59.999Z' },
    { instant: '2026-01-31T00:00:00.000Z', months: 2, result: '2025-11-30T00:00:00.000Z' },
    { instant: '2026-01-15T08:30:00.000Z', months: 1, result: '2025-12-15T08:30:00.000Z' },
    { instant: '2026-03-15T08:30:00.000Z', months: 12, result: '2025-03-15T08:30:00.000Z' },
    { instant: '2024-02-29T12:00:00.000Z', months: 12, result: '2023-02-28T12:00:00.000Z' },
    { instant: '2026-12-31T00:00:00.000Z', months: 10, result: '2026-02-28T00:00:00.000Z' },
    { instant: '2026-07-31T06:00:00.000Z', months: 0, result: '2026-07-31T06:00:00.000Z' },
    { instant: '2026-03-28T00:00:00.000Z', months: 1, result: '2026-02-28T00:00:00.000Z' },
  ], (r) => `${r.months} month(s) before ${r.instant} is ${r.result}`))('%s', (_, { instant, months, result }) => {
    expect(monthsBefore(new Date(instant), months).toISOString()).toBe(result);
  });

  it('leaves the instant it was given unchanged', () => {
    const instant = new Date('2026-03-31T10:00:00.000Z');
    monthsBefore(instant, 1);
    expect(instant.toISOString()).toBe('2026-03-31T10:00:00.000Z');
  });
});
