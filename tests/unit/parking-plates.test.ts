import { describe, expect, it } from 'vitest';
import { isPlausiblePlate, matchPlate, normalizePlate, plateVariants, type PlateMatch } from '@atrium/shared';
import { titled } from '../support/tables.js';

/** The pairs a plate reader confuses, both ways. */
const PARTNER: Record<string, string> = { O: '0', '0': 'O', I: '1', '1': 'I', B: '8', '8': 'B' };

/** How many characters after the first one the reader could have confused. */
const confusableCount = (plate: string) => Array.from(normalizePlate(plate)).slice(1).filter((ch) => ch in PARTNER).length;

describe('whether a read plate looks like a mainland plate', () => {
  it.each(titled([
    { raw: '沪A12345', plausible: true, why: 'an ordinary plate of 7 characters' },
    { raw: '京A7X9Z2', plausible: true, why: 'an ordinary plate with letters in the tail' },
    { raw: '沪AD12345', plausible: true, why: 'a new-energy plate of 8 characters' },
    { raw: '粤BF12345', plausible: true, why: 'another new-energy plate of 8 characters' },
    { raw: '浙C·12345', plausible: true, why: 'a plate with the middle dot the signs use' },
    { raw: '浙c 12345', plausible: true, why: 'a plate in lower case with a space' },
    { raw: '粤B-D12345', plausible: true, why: 'a new-energy plate with a hyphen' },
    { raw: ' 沪A.8888Q ', plausible: true, why: 'a plate with a full stop and spaces around it' },
    { raw: '沪A_12•345', plausible: true, why: 'a plate with an underscore and a bullet' },
    { raw: '沪A1234', plausible: false, why: 'a plate one character short' },
    { raw: '沪AD123456', plausible: false, why: 'a plate one character longer than a new-energy plate' },
    { raw: 'AA12345', plausible: false, why: 'a plate without a province character' },
    { raw: '沪112345', plausible: false, why: 'a plate with a digit where the letter after the province goes' },
    { raw: '沪沪12345', plausible: false, why: 'a plate with two Chinese characters in front' },
    { raw: '12345678', plausible: false, why: 'eight digits' },
    { raw: '沪A1234!', plausible: false, why: 'a plate with a punctuation mark the normalisation keeps' },
    { raw: '沪A1234学', plausible: false, why: 'a plate ending in a Chinese character' },
    { raw: '', plausible: false, why: 'an empty read' },
    { raw: ' · ', plausible: false, why: 'a read of separators only' },
  ], (r) => `${r.why} ("${r.raw}") is ${r.plausible ? 'accepted' : 'refused'}`))('%s', (_, { raw, plausible }) => {
    expect(isPlausiblePlate(raw)).toBe(plausible);
  });
});

describe('the spellings a read plate may stand for', () => {
  it.each(titled([
    { raw: '沪A23456', variants: ['沪A23456'], why: 'a plate without confusable characters has only itself' },
    { raw: '沪A12345', variants: ['沪A12345', '沪AI2345'], why: 'a 1 may have been an I' },
    { raw: '沪AI2345', variants: ['沪AI2345', '沪A12345'], why: 'an I may have been a 1' },
    { raw: '沪A02345', variants: ['沪A02345', '沪AO2345'], why: 'a 0 may have been an O' },
    { raw: '沪AO2345', variants: ['沪AO2345', '沪A02345'], why: 'an O may have been a 0' },
    { raw: '沪A82345', variants: ['沪A82345', '沪AB2345'], why: 'an 8 may have been a B' },
    { raw: '沪AB2345', variants: ['沪AB2345', '沪A82345'], why: 'a B may have been an 8' },
    { raw: '沪B23456', variants: ['沪B23456', '沪823456'], why: 'the letter right after the province is swapped too' },
    { raw: '浙c·1o234', variants: ['浙C1O234', '浙C10234', '浙CIO234', '浙CI0234'], why: 'a lower-case read with a separator is normalised first' },
  ], (r) => `${r.why}: "${r.raw}" gives ${r.variants.join(', ')}`))('%s', (_, { raw, variants }) => {
    expect(plateVariants(raw)).toEqual(variants);
  });

  it.each(titled([
    { raw: '沪A23456', k: 0 },
    { raw: '沪A12345', k: 1 },
    { raw: '沪AD12345', k: 1 },
    { raw: '京A7X9Z2', k: 0 },
    { raw: '浙C·B8O01', k: 5 },
    { raw: '沪B8O0I1', k: 6 },
    { raw: '沪A10OIB8', k: 6 },
    { raw: '沪B10OIB8', k: 7 },
  ], (r) => `"${r.raw}" has ${r.k} confusable characters and so ${2 ** r.k} spellings, the read one first, none twice, the province never changed`))(
    '%s',
    (_, { raw, k }) => {
      const plate = normalizePlate(raw);
      const variants = plateVariants(raw);
      expect(confusableCount(raw)).toBe(k);
      expect(variants).toHaveLength(2 ** k);
      expect(variants[0]).toBe(plate);
      expect(new Set(variants).size).toBe(variants.length);
      const chars = Array.from(plate);
      for (const variant of variants) {
        const vchars = Array.from(variant);
        expect(vchars).toHaveLength(chars.length);
        expect(vchars[0]).toBe(chars[0]);
        // Each position is either the character as read or its confusable partner, nothing else.
        vchars.forEach((ch, i) => {
          const read = chars[i]!;
          expect(ch === read || (i > 0 && PARTNER[read] === ch)).toBe(true);
        });
      }
    },
  );

  it('never swaps the first character, even a confusable one read where the province should be', () => {
    const variants = plateVariants('0A12345');
    expect(variants).toEqual(['0A12345', '0AI2345']);
  });

  it('gives the read plate back among the spellings of each of its spellings (the swaps go both ways)', () => {
    const read = '浙C·B8O01';
    for (const variant of plateVariants(read)) {
      expect(plateVariants(variant)).toContain(normalizePlate(read));
    }
  });

  it('gives the same spellings for a plate however it was written', () => {
    expect(plateVariants('浙c-b8o01')).toEqual(plateVariants('浙CB8O01'));
    expect(plateVariants(' 浙C·B8 O01 ')).toEqual(plateVariants('浙CB8O01'));
  });

  it('stays within 2^7 spellings for every plausible plate, the most being a new-energy plate whose whole tail is confusable', () => {
    expect(isPlausiblePlate('沪B10OIB8')).toBe(true);
    expect(plateVariants('沪B10OIB8')).toHaveLength(128);
  });
});

describe('who a read plate belongs to', () => {
  type Owner = { memberId: number };
  const sameOwner = (a: Owner, b: Owner) => a.memberId === b.memberId;
  // A fresh object each time, so that "the same owner" is decided by sameOwner and not by identity.
  const member = (memberId: number): Owner => ({ memberId });

  it.each(titled<{ when: string; read: string; found: Array<{ variant: string; owner: Owner }>; match: PlateMatch<Owner> }>([
    { when: 'nobody registered any spelling', read: '沪A12345', found: [], match: { kind: 'none' } },
    { when: 'one member registered the plate as read', read: '沪A12345', found: [{ variant: '沪A12345', owner: member(7) }], match: { kind: 'exact', owner: member(7) } },
    {
      when: 'the plate was read in lower case with a separator and one member registered it',
      read: '沪a·12345',
      found: [{ variant: '沪A12345', owner: member(7) }],
      match: { kind: 'exact', owner: member(7) },
    },
    {
      when: 'one member registered the plate as read and another a confusable spelling',
      read: '沪A12345',
      found: [{ variant: '沪AI2345', owner: member(8) }, { variant: '沪A12345', owner: member(7) }],
      match: { kind: 'exact', owner: member(7) },
    },
    {
      when: 'one member registered only a confusable spelling',
      read: '沪A12345',
      found: [{ variant: '沪AI2345', owner: member(8) }],
      match: { kind: 'fuzzy', owner: member(8) },
    },
    {
      when: 'one member registered several confusable spellings',
      read: '浙CB8O01',
      found: [
        { variant: '浙CB8O0I', owner: member(8) },
        { variant: '浙CBBO01', owner: member(8) },
        { variant: '浙C88001', owner: member(8) },
      ],
      match: { kind: 'fuzzy', owner: member(8) },
    },
    {
      when: 'two members registered different confusable spellings',
      read: '浙CB8O01',
      found: [{ variant: '浙CB8O0I', owner: member(8) }, { variant: '浙CBBO01', owner: member(9) }],
      match: { kind: 'ambiguous' },
    },
    {
      when: 'one member registered two confusable spellings and another member a third',
      read: '浙CB8O01',
      found: [
        { variant: '浙CB8O0I', owner: member(8) },
        { variant: '浙CBBO01', owner: member(8) },
        { variant: '浙C88001', owner: member(9) },
      ],
      match: { kind: 'ambiguous' },
    },
  ], (r) => `when ${r.when}, the match is ${r.match.kind}${'owner' in r.match ? ` (member ${r.match.owner.memberId})` : ''}`))(
    '%s',
    (_, { read, found, match }) => {
      expect(matchPlate(found, read, sameOwner)).toEqual(match);
    },
  );

  it('binds nobody on an ambiguous read whatever the order the owners were found in', () => {
    const found = [{ variant: '沪AI0345', owner: member(8) }, { variant: '沪A1O345', owner: member(9) }];
    expect(matchPlate(found, '沪A10345', sameOwner)).toEqual({ kind: 'ambiguous' });
    expect(matchPlate([...found].reverse(), '沪A10345', sameOwner)).toEqual({ kind: 'ambiguous' });
  });

  it('decides who is the same owner with the given comparison, not by object identity', () => {
    const found = [{ variant: '沪AI0345', owner: member(8) }, { variant: '沪A1O345', owner: member(8) }];
    expect(matchPlate(found, '沪A10345', (a, b) => a === b)).toEqual({ kind: 'ambiguous' });
    expect(matchPlate(found, '沪A10345', sameOwner)).toEqual({ kind: 'fuzzy', owner: member(8) });
  });
});
