/**
 * Segments and lifecycle (docs/loyalty.md): RFM quintile scores, the lifecycle
 * stage, favourite categories and the birthday month, turned into tags that
 * campaigns and screens target.
 */
export type LifecycleStage = 'new' | 'active' | 'dormant' | 'sleeping';

const DAY = 86_400_000;

export interface LifecycleFacts {
  joinedAt: string;
  lastPurchaseAt: string | null;
  /** Any visit: purchase, check-in or car entry. */
  lastVisitAt: string | null;
}

/**
 * - sleeping: no visit at all in 180 days (and a member for at least that long);
 * - dormant: no purchase in 90 days (and a member for at least that long);
 * - new: has not bought anything yet, joined less than 90 days ago;
 * - active: bought something in the last 90 days.
 */
export function lifecycleStage(f: LifecycleFacts, now: Date): LifecycleStage {
  const age = (iso: string | null) => (iso ? (now.getTime() - Date.parse(iso)) / DAY : Infinity);
  const memberFor = age(f.joinedAt);
  const lastVisit = Math.min(age(f.lastVisitAt), age(f.lastPurchaseAt));
  if (memberFor >= 180 && lastVisit >= 180) return 'sleeping';
  if (f.lastPurchaseAt === null) return memberFor >= 90 ? 'dormant' : 'new';
  return age(f.lastPurchaseAt) >= 90 ? 'dormant' : 'active';
}

/**
 * A new member who has not bought anything 7 days after joining: the activation
 * campaign's audience. From 90 days on they are dormant and wake-up campaigns take over.
 */
export function activationDue(f: LifecycleFacts, now: Date): boolean {
  const memberFor = (now.getTime() - Date.parse(f.joinedAt)) / DAY;
  return f.lastPurchaseAt === null && memberFor >= 7 && memberFor < 90;
}

/**
 * Scores 1–5 by quintile of rank: the top fifth gets 5, the bottom fifth 1. Each
 * value is placed at the middle of its positions, so equal members never differ, a
 * tie at the top stays at the top, and values that do not differ at all (a lone
 * member, everyone equal) score 3: there is nothing to rank them against.
 */
export function quintileScores(values: readonly number[], higherIsBetter: boolean): number[] {
  const n = values.length;
  if (n === 0) return [];
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => (higherIsBetter ? a.v - b.v : b.v - a.v));
  const scores = new Array<number>(n);
  let start = 0;
  while (start < n) {
    let end = start;
    while (end + 1 < n && order[end + 1]!.v === order[start]!.v) end++;
    const middle = (start + end) / 2;
    const score = Math.min(5, Math.max(1, Math.ceil(((middle + 0.5) * 5) / n)));
    for (let k = start; k <= end; k++) scores[order[k]!.i] = score;
    start = end + 1;
  }
  return scores;
}

export interface RfmInput {
  memberId: number;
  recencyDays: number;
  frequency: number;
  monetaryFen: number;
}

export interface RfmScore {
  r: number;
  f: number;
  m: number;
}

/** RFM over the members who bought something in the window; others have no score. */
export function rfmScores(members: readonly RfmInput[]): Map<number, RfmScore> {
  const r = quintileScores(members.map((m) => m.recencyDays), false);
  const f = quintileScores(members.map((m) => m.frequency), true);
  const m = quintileScores(members.map((x) => x.monetaryFen), true);
  return new Map(members.map((x, i) => [x.memberId, { r: r[i]!, f: f[i]!, m: m[i]! }]));
}

/** A plain-words RFM group for marketers. */
export function rfmGroup(s: RfmScore): 'champion' | 'loyal' | 'at_risk' | 'big_spender' | 'regular' {
  if (s.r >= 4 && s.f >= 4 && s.m >= 4) return 'champion';
  if (s.f >= 4 && s.r >= 3) return 'loyal';
  if (s.r <= 2 && (s.f >= 3 || s.m >= 3)) return 'at_risk';
  if (s.m >= 5) return 'big_spender';
  return 'regular';
}

export interface SegmentFacts extends LifecycleFacts {
  tier: string;
  birthdayMonth: number | null;
  topCategories: string[];
  rfm: RfmScore | null;
}

/** Tags stored per member; campaigns target them by name (docs/loyalty.md lists them). */
export function memberTags(f: SegmentFacts, now: Date, currentMonth: number): string[] {
  const tags = [`tier:${f.tier}`, `lifecycle:${lifecycleStage(f, now)}`];
  if (activationDue(f, now)) tags.push('activation-due');
  if (f.birthdayMonth !== null && f.birthdayMonth === currentMonth) tags.push('birthday-month');
  for (const c of f.topCategories) tags.push(`likes:${c}`);
  if (f.rfm) tags.push(`rfm:r${f.rfm.r}`, `rfm:f${f.rfm.f}`, `rfm:m${f.rfm.m}`, `rfm:${rfmGroup(f.rfm)}`);
  return tags;
}
