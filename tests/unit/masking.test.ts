import { describe, expect, it } from 'vitest';
import { maskName, maskPhone, maskPlate, normalizePhone, normalizePlate } from '@atrium/shared';

describe('plates', () => {
  it.each([
    ['浙C12345', '浙C12345'],
    ['浙C·12345', '浙C12345'],
    ['浙c 12345', '浙C12345'],
    ['粤B-D12345', '粤BD12345'],
    [' 沪A.8888Q ', '沪A8888Q'],
  ])('%s normalises to %s', (raw, normal) => {
    expect(normalizePlate(raw)).toBe(normal);
  });

  it.each([
    ['浙C12345', '浙C·***45'],
    ['浙c·12345', '浙C·***45'],
    ['粤BD12345', '粤B·***45'],
    ['AB1', 'A***'],
  ])('%s is shown as %s', (raw, masked) => {
    expect(maskPlate(raw)).toBe(masked);
  });

  it('a masked plate never contains the middle characters', () => {
    expect(maskPlate('京A7X9Z2')).not.toMatch(/7X9Z/);
  });
});

describe('phones and names', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['138-1234-5678', '138****5678'],
    ['12', '***'],
  ])('%s is shown as %s', (raw, masked) => {
    expect(maskPhone(raw)).toBe(masked);
  });

  it('strips the country code and separators', () => {
    expect(normalizePhone('+86 (138) 1234-5678')).toBe('13812345678');
  });

  it.each([
    ['王小明', '王**'],
    ['李娜', '李*'],
    ['Alice', 'A****'],
    ['', ''],
  ])('name %s is shown as %s', (raw, masked) => {
    expect(maskName(raw)).toBe(masked);
  });
});
