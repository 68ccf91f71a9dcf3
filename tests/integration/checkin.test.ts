import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, TestClock, type TestHub } from '../support/hub-harness.js';
import { balanceOf, newMember } from '../support/loyalty-fixtures.js';

interface Checkin {
  isNew: boolean;
  day: string;
  streak: number;
  points: number;
  bonus: number;
  balance: number;
}

describe('daily check-in in the mall\'s time zone', () => {
  // 23:59:30 in Shanghai is still 15:59:30 UTC: the server's own date must not decide "today".
  const clock = new TestClock(new Date('2026-11-25T15:59:30Z'));
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ clock });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  const checkIn = async (memberId: number) => (await hub.api<Checkin>('POST', `/api/members/${memberId}/checkin`)).body;

  it('counts once per mall day, and a new day starts at the mall\'s midnight', async () => {
    const member = await newMember(hub);
    expect(await checkIn(member.id)).toMatchObject({ isNew: true, day: '2026-11-25', streak: 1, points: 10 });
    clock.advance(20_000); // 23:59:50 in Shanghai
    expect(await checkIn(member.id)).toMatchObject({ isNew: false, day: '2026-11-25', points: 0 });
    clock.advance(20_000); // 00:00:10 the next day in Shanghai, still the 25th in UTC
    expect(await checkIn(member.id)).toMatchObject({ isNew: true, day: '2026-11-26', streak: 2 });
    expect(await balanceOf(hub, member.id)).toBe(20);
  });

  it('seven days in a row earn the streak bonus on the seventh, and a missed day starts again', async () => {
    const member = await newMember(hub);
    const results: Checkin[] = [];
    for (let day = 0; day < 7; day++) {
      results.push(await checkIn(member.id));
      clock.advance(86_400_000);
    }
    expect(results.map((r) => r.streak)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(results.map((r) => r.bonus)).toEqual([0, 0, 0, 0, 0, 0, 50]);
    expect(await balanceOf(hub, member.id)).toBe(7 * 10 + 50);
    clock.advance(86_400_000); // skipped a day
    expect(await checkIn(member.id)).toMatchObject({ isNew: true, streak: 1 });
  });

  it('a check-in makes the member a recent visitor', async () => {
    const member = await newMember(hub);
    await checkIn(member.id);
    const row = await hub.started.db.get<{ last_visit_at: string | null }>('SELECT last_visit_at FROM members WHERE id = ?', [member.id]);
    expect(row?.last_visit_at).toBe(clock.now().toISOString());
  });
});
