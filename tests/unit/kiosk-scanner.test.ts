import { describe, expect, it } from 'vitest';
import { KeyboardWedge, type WedgeKey, type WedgeResult } from '../../kiosk/src/lib/scanner.js';

const CODE = 'ATM1.2n.t3k9q1.Zk3_x-9aQpL2';

interface Burst {
  start?: number;
  gapMs?: number;
  enterGapMs?: number;
  editable?: boolean;
}

/** Types `text` one key every `gapMs` from `start`, then Enter after `enterGapMs`. */
function burst(text: string, { start = 1_000, gapMs = 8, enterGapMs, editable = false }: Burst = {}): WedgeKey[] {
  const keys: WedgeKey[] = Array.from(text).map((key, i) => ({ key, time: start + i * gapMs, editable }));
  const last = keys.at(-1)?.time ?? start;
  return [...keys, { key: 'Enter', time: last + (enterGapMs ?? gapMs), editable }];
}

function feed(wedge: KeyboardWedge, keys: WedgeKey[]): WedgeResult[] {
  return keys.map((key) => wedge.push(key));
}

const scans = (results: WedgeResult[]) => results.flatMap((r) => (r.kind === 'scan' ? [r.code] : []));

describe('the keyboard-wedge scanner detector', () => {
  it('reads a fast burst of characters ending with Enter as one scanned code', () => {
    expect(scans(feed(new KeyboardWedge(), burst(CODE)))).toEqual([CODE]);
  });

  it.each([
    ['1 ms', 1],
    ['30 ms', 30],
    ['49 ms', 49],
  ])('accepts keys %s apart', (_label, gapMs) => {
    expect(scans(feed(new KeyboardWedge(), burst(CODE, { gapMs })))).toEqual([CODE]);
  });

  it.each([
    ['50 ms', 50],
    ['120 ms', 120],
  ])('does not take keys %s apart for a scan: a person types that slowly', (_label, gapMs) => {
    expect(scans(feed(new KeyboardWedge(), burst(CODE, { gapMs })))).toEqual([]);
  });

  it('does not take an Enter pressed long after the last character for the end of a scan', () => {
    expect(scans(feed(new KeyboardWedge(), burst(CODE, { enterGapMs: 400 })))).toEqual([]);
  });

  it.each([
    ['7 characters', 'ABCDEFG', []],
    ['8 characters', 'ABCDEFGH', ['ABCDEFGH']],
  ])('needs at least 8 characters: %s', (_label, text, expected) => {
    expect(scans(feed(new KeyboardWedge(), burst(text)))).toEqual(expected);
  });

  it('ignores every key while a text field has the focus', () => {
    const results = feed(new KeyboardWedge(), burst(CODE, { editable: true }));
    expect(results.every((r) => r.kind === 'ignored')).toBe(true);
  });

  it('starts over when a slow key comes before a fast burst, and still reads the burst', () => {
    const wedge = new KeyboardWedge();
    feed(wedge, [{ key: 'x', time: 0 }, { key: 'y', time: 300 }]);
    expect(scans(feed(wedge, burst(CODE, { start: 900 })))).toEqual([CODE]);
  });

  it('keeps the capitals a scanner sends with Shift pressed', () => {
    const keys: WedgeKey[] = [];
    let time = 0;
    for (const ch of 'AbCdEfGh12') {
      if (ch === ch.toUpperCase() && /[A-Z]/.test(ch)) keys.push({ key: 'Shift', time: (time += 2) });
      keys.push({ key: ch, time: (time += 5) });
    }
    keys.push({ key: 'Enter', time: time + 5 });
    expect(scans(feed(new KeyboardWedge(), keys))).toEqual(['AbCdEfGh12']);
  });

  it('forgets a burst that a named key such as Backspace interrupts', () => {
    const wedge = new KeyboardWedge();
    const keys = burst(CODE);
    keys.splice(5, 0, { key: 'Backspace', time: 1_000 + 4 * 8 + 1 });
    expect(scans(feed(wedge, keys))).toEqual([CODE.slice(5)]);
  });

  it('reads two scans in a row as two codes', () => {
    const second = 'ATM1.3q.t3k9q1.Yy7_w-2bRtM4';
    const keys = [...burst(CODE, { start: 0 }), ...burst(second, { start: 5_000 })];
    expect(scans(feed(new KeyboardWedge(), keys))).toEqual([CODE, second]);
  });

  it('drops a runaway burst longer than the longest code', () => {
    const wedge = new KeyboardWedge({ maxLength: 16 });
    expect(scans(feed(wedge, burst('X'.repeat(40))))).toEqual([]);
  });

  it('ignores keys while an input method is composing Chinese text', () => {
    const keys = burst(CODE).map((k) => ({ ...k, composing: true }));
    expect(scans(feed(new KeyboardWedge(), keys))).toEqual([]);
  });

  it('follows the gap and length it is given', () => {
    const wedge = new KeyboardWedge({ maxGapMs: 200, minLength: 4 });
    expect(scans(feed(wedge, burst('ABCD', { gapMs: 150 })))).toEqual(['ABCD']);
  });
});
