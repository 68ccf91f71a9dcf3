/**
 * What the simulator measured: messages sent by kind, the hub's answers matched
 * to them by id, and publish → answer latency. It records and reports; it never
 * decides that an answer was wrong (that is the tests' job).
 */

export type Channel = 'till' | 'gate';

interface Pending {
  sentAt: number;
  label: string;
}

interface LabelCounts {
  sent: number;
  /** Answers by outcome: accepted/duplicate/rejected for tills, open/closed for gates. */
  outcomes: Map<string, number>;
}

/** Keeps at most this many latency samples per channel (reservoir sampling beyond it). */
const MAX_SAMPLES = 200_000;

class Latencies {
  private samples: number[] = [];
  private seen = 0;

  constructor(private readonly rand: () => number) {}

  add(ms: number): void {
    this.seen++;
    if (this.samples.length < MAX_SAMPLES) {
      this.samples.push(ms);
      return;
    }
    const slot = Math.floor(this.rand() * this.seen);
    if (slot < MAX_SAMPLES) this.samples[slot] = ms;
  }

  get count(): number {
    return this.seen;
  }

  /** Nearest-rank percentiles, or undefined before the first answer. */
  percentiles(): { p50: number; p99: number } | undefined {
    if (this.samples.length === 0) return undefined;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
    return { p50: at(0.5), p99: at(0.99) };
  }
}

export class Stats {
  private readonly pending = new Map<string, Pending[]>();
  private readonly labels = new Map<string, LabelCounts>();
  private readonly reasons = new Map<string, number>();
  private readonly outcomes = new Map<string, number>();
  private readonly latency: Record<Channel, Latencies>;
  private readonly sentBy: Record<Channel, number> = { till: 0, gate: 0 };
  private readonly answeredBy: Record<Channel, number> = { till: 0, gate: 0 };
  private pendingCount = 0;
  /** Answers whose id this run never sent (another till on the broker, or an answer after we gave up). */
  unmatched = 0;
  /** Answers that were not valid JSON of the contract's shape. */
  malformedAnswers = 0;
  memberPurchases = 0;
  pointsEarned = 0;
  readonly startedAt = performance.now();

  constructor(rand: () => number = Math.random) {
    this.latency = { till: new Latencies(rand), gate: new Latencies(rand) };
  }

  /**
   * Records a publish. `key` identifies the answer to expect (storeId/txId or
   * gateId/eventId); undefined when the hub cannot read an id and so cannot answer.
   */
  sent(channel: Channel, label: string, key: string | undefined): void {
    this.sentBy[channel]++;
    this.label(channel, label).sent++;
    if (key === undefined) return;
    const list = this.pending.get(pendingKey(channel, key));
    const entry = { sentAt: performance.now(), label };
    if (list) list.push(entry);
    else this.pending.set(pendingKey(channel, key), [entry]);
    this.pendingCount++;
  }

  /** Matches an answer to the oldest unanswered publish with the same id (a repeat shares its id). */
  answered(channel: Channel, key: string, outcome: string, reason?: string): void {
    const k = pendingKey(channel, key);
    const list = this.pending.get(k);
    const first = list?.shift();
    if (!list || !first) {
      this.unmatched++;
      return;
    }
    if (list.length === 0) this.pending.delete(k);
    this.pendingCount--;
    this.answeredBy[channel]++;
    this.latency[channel].add(performance.now() - first.sentAt);
    const counts = this.label(channel, first.label);
    counts.outcomes.set(outcome, (counts.outcomes.get(outcome) ?? 0) + 1);
    this.outcomes.set(`${channel}:${outcome}`, (this.outcomes.get(`${channel}:${outcome}`) ?? 0) + 1);
    if (reason) {
      // Reasons may carry ids ("unknown store x"); keep them short enough to group.
      const short = reason.length > 100 ? `${reason.slice(0, 97)}...` : reason;
      this.reasons.set(short, (this.reasons.get(short) ?? 0) + 1);
    }
  }

  /** How many rejections had a reason containing `fragment`. */
  rejectedWith(fragment: string): number {
    let n = 0;
    for (const [reason, count] of this.reasons) if (reason.includes(fragment)) n += count;
    return n;
  }

  get awaiting(): number {
    return this.pendingCount;
  }

  /** One line for the periodic report. */
  line(): string {
    const secs = ((performance.now() - this.startedAt) / 1000).toFixed(0).padStart(4);
    const o = (name: string) => this.outcomes.get(name) ?? 0;
    const tl = fmtLatency(this.latency.till.percentiles());
    const gl = fmtLatency(this.latency.gate.percentiles());
    return (
      `[${secs}s] tills: sent ${this.sentBy.till}, accepted ${o('till:accepted')}, duplicate ${o('till:duplicate')}, ` +
      `rejected ${o('till:rejected')}, awaiting ${this.awaitingOn('till')}, ${tl} | ` +
      `gates: events ${this.sentBy.gate}, commands ${this.answeredBy.gate} (open ${o('gate:open')}, closed ${o('gate:closed')}), ${gl}`
    );
  }

  /** The report printed at the end of a run. */
  summary(header: string): string {
    const o = (name: string) => this.outcomes.get(name) ?? 0;
    const out: string[] = ['', header];
    const tillLabels = [...this.labels.entries()].filter(([k]) => k.startsWith('till:'));
    const repeats = this.labels.get('till:repeat')?.sent ?? 0;
    const malformed = tillLabels.filter(([k]) => k.startsWith('till:malformed:')).reduce((n, [, c]) => n + c.sent, 0);
    const awaiting = this.awaitingOn('till');
    const unanswerable = this.sentBy.till - this.answeredBy.till - awaiting;
    out.push(
      `Tills: ${this.sentBy.till} purchases sent (${repeats} exact repeats, ${malformed} deliberately malformed), ` +
        `${this.answeredBy.till} answered, ${awaiting} unanswered${unanswerable ? ` (+${unanswerable} without a readable txId, which cannot be answered)` : ''}`,
    );
    out.push(`  accepted  ${o('till:accepted')}  (with a member: ${this.memberPurchases}, ${this.pointsEarned.toLocaleString('en-US')} points earned)`);
    out.push(`  duplicate ${o('till:duplicate')}`);
    out.push(`  rejected  ${o('till:rejected')}${this.reasons.size ? ', top reasons:' : ''}`);
    for (const [reason, n] of [...this.reasons.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5)) {
      out.push(`    ${String(n).padStart(5)} × ${reason}`);
    }
    out.push(...this.table(tillLabels, ['accepted', 'duplicate', 'rejected']));
    out.push(`  latency publish → tx/result: ${fmtLatency(this.latency.till.percentiles())} (n=${this.latency.till.count})`);

    const gateLabels = [...this.labels.entries()].filter(([k]) => k.startsWith('gate:'));
    out.push(`Gates: ${this.sentBy.gate} events sent, ${this.answeredBy.gate} commands received (open ${o('gate:open')}, closed ${o('gate:closed')}), ${this.awaitingOn('gate')} unanswered`);
    out.push(...this.table(gateLabels, ['open', 'closed']));
    out.push(`  latency publish → command: ${fmtLatency(this.latency.gate.percentiles())} (n=${this.latency.gate.count})`);
    if (this.unmatched || this.malformedAnswers) {
      out.push(`Other: ${this.unmatched} answers to ids this run did not send or had given up on, ${this.malformedAnswers} answers not matching the contract`);
    }
    return out.join('\n');
  }

  private table(rows: Array<[string, LabelCounts]>, columns: string[]): string[] {
    const head = `  ${'kind'.padEnd(28)}${['sent', ...columns, 'no answer'].map((c) => c.padStart(10)).join('')}`;
    const lines = rows
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, c]) => {
        const name = key.slice(key.indexOf(':') + 1);
        const answered = [...c.outcomes.values()].reduce((a, b) => a + b, 0);
        const cells = [c.sent, ...columns.map((col) => c.outcomes.get(col) ?? 0), c.sent - answered];
        return `  ${name.padEnd(28)}${cells.map((n) => String(n).padStart(10)).join('')}${name === 'malformed:not-json' ? '   (no id readable: no answer possible)' : ''}`;
      });
    return [head, ...lines];
  }

  private awaitingOn(channel: Channel): number {
    let n = 0;
    for (const [k, list] of this.pending) if (k.startsWith(`${channel}:`)) n += list.length;
    return n;
  }

  private label(channel: Channel, label: string): LabelCounts {
    const k = `${channel}:${label}`;
    let counts = this.labels.get(k);
    if (!counts) {
      counts = { sent: 0, outcomes: new Map() };
      this.labels.set(k, counts);
    }
    return counts;
  }
}

const pendingKey = (channel: Channel, key: string) => `${channel}:${key}`;

function fmtLatency(p: { p50: number; p99: number } | undefined): string {
  return p ? `p50 ${p.p50.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms` : 'p50 -, p99 -';
}
