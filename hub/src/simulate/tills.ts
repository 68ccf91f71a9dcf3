import type { MqttClient } from 'mqtt';
import { encodeMemberCode, MEMBER_CODE_TTL_SECONDS, posTxResultSchema, topics, type MacFn, type PosTx } from '@atrium/shared';
import { demoStores, DEMO_MEMBER_COUNT, type DemoStore } from '../demo/demo-data.js';
import { amountAround, mallIso, pick, type Rng } from './common.js';
import type { Stats } from './stats.js';

/** Share of sends that are an exact repeat of an earlier purchase (a QoS 1 redelivery). */
const REPEAT_SHARE = 0.03;
/** Share of sends that are deliberately malformed. */
const MALFORMED_SHARE = 0.01;
/** Share of good purchases where the cashier scanned a member's pass. */
const MEMBER_SHARE = 0.4;
const ITEMS_SHARE = 0.5;
/**
 * Redeliveries happen seconds after the original, not hours: the hub checks a
 * member code's expiry on arrival, so an old repeat would test expiry instead.
 */
const REPEAT_WINDOW_MS = 60_000;

export const MALFORMED_KINDS = ['not-json', 'negative-amount', 'missing-fields', 'wrong-currency'] as const;
type MalformedKind = (typeof MALFORMED_KINDS)[number];

const ITEM_NAMES: Record<string, string[]> = {
  dining: ['招牌套餐', '奶茶', '拿铁', '小吃拼盘', '甜品'],
  fashion: ['T恤', '牛仔裤', '外套', '连衣裙', '围巾'],
  kids: ['积木', '童装', '绘本', '玩具车', '游乐票'],
  beauty: ['口红', '面霜', '香水', '粉底液', '面膜'],
  home: ['收纳盒', '香薰', '毛巾', '马克杯', '抱枕'],
  cinema: ['电影票', '爆米花', '可乐'],
  digital: ['耳机', '手机壳', '充电器', '平板电脑', '智能手表'],
  supermarket: ['牛奶', '水果', '面包', '牛排', '矿泉水'],
  sports: ['跑鞋', '运动服', '瑜伽垫', '篮球', '水壶'],
};

interface Sent {
  at: number;
  storeId: string;
  txId: string;
  payload: string;
}

export interface TillsDeps {
  client: MqttClient;
  mall: string;
  rand: Rng;
  stats: Stats;
  /** Signs member codes; undefined when the hub's secrets are not readable (anonymous purchases only). */
  mac: MacFn | undefined;
  /** Makes ids unique across runs: the hub remembers every (storeId, txId) it has seen. */
  runId: string;
  now(): Date;
}

/** A till per demo store: the device ids it reports status for. */
export const tillDeviceIds = (): string[] => demoStores().map((s) => `till-${s.id}`);

/** Results for every till of the mall, on one subscription. */
export const tillSubscriptions = (mall: string): string[] => [topics.posTxResult(mall, '+')];

/** The tills of every demo store, publishing purchases and reading their results. */
export class Tills {
  private readonly stores: DemoStore[] = demoStores();
  private readonly recent: Sent[] = [];
  private seq = 0;

  constructor(private readonly deps: TillsDeps) {}

  /** Sends one message: mostly a purchase, sometimes a repeat or a malformed one. */
  sendOne(): void {
    const roll = this.deps.rand();
    if (roll < REPEAT_SHARE && this.sendRepeat()) return;
    if (roll >= REPEAT_SHARE && roll < REPEAT_SHARE + MALFORMED_SHARE) return this.sendMalformed(pick(this.deps.rand, MALFORMED_KINDS));
    const tx = this.purchase();
    const payload = JSON.stringify(tx);
    this.publish(tx.storeId, tx.txId, payload, tx.memberCode ? 'member' : 'anonymous');
    this.recent.push({ at: performance.now(), storeId: tx.storeId, txId: tx.txId, payload });
    if (this.recent.length > 500) this.recent.splice(0, this.recent.length - 500);
  }

  /** Handles a message on `…/pos/{storeId}/tx/result`. */
  onMessage(topic: string, payload: Buffer): void {
    const storeId = topic.split('/')[3];
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      body = undefined;
    }
    const parsed = posTxResultSchema.safeParse(body);
    if (!storeId || !parsed.success) {
      this.deps.stats.malformedAnswers++;
      return;
    }
    const result = parsed.data;
    if (result.status === 'accepted' && result.memberId !== undefined) {
      this.deps.stats.memberPurchases++;
      this.deps.stats.pointsEarned += result.pointsEarned;
    }
    this.deps.stats.answered('till', `${storeId}/${result.txId}`, result.status, result.status === 'rejected' ? (result.reason ?? 'no reason given') : undefined);
  }

  private purchase(): PosTx {
    const { rand, mac } = this.deps;
    const store = pick(rand, this.stores);
    const amount = amountAround(rand, store.typicalFen);
    const tx: PosTx = {
      txId: this.nextTxId(),
      storeId: store.id,
      // A till stamps the sale a moment before it sends it.
      occurredAt: mallIso(new Date(this.deps.now().getTime() - Math.floor(rand() * 3000))),
      amount,
      currency: 'CNY',
    };
    if (rand() < 0.5) tx.category = store.category;
    if (mac && rand() < MEMBER_SHARE) {
      // Demo member i is seeded as database id i + 1 (seedDemoMall inserts them in order into an empty database).
      const memberId = 1 + Math.floor(rand() * DEMO_MEMBER_COUNT);
      const expiresAt = new Date(this.deps.now().getTime() + MEMBER_CODE_TTL_SECONDS * 1000);
      tx.memberCode = encodeMemberCode(memberId, expiresAt, mac);
    }
    if (rand() < ITEMS_SHARE) tx.items = this.items(store, amount);
    return tx;
  }

  /** Splits the amount over one to three lines, so the items add up to the ticket. */
  private items(store: DemoStore, amount: number): NonNullable<PosTx['items']> {
    const { rand } = this.deps;
    const count = Math.min(1 + Math.floor(rand() * 3), Math.floor(amount / 100));
    const cuts = Array.from({ length: count - 1 }, () => Math.floor((rand() * amount) / 10) * 10).sort((a, b) => a - b);
    const bounds = [0, ...cuts, amount];
    const names = ITEM_NAMES[store.category] ?? ['商品'];
    return Array.from({ length: count }, (_, i) => {
      const name = pick(rand, names);
      return {
        sku: `${store.id}-${names.indexOf(name) + 1}`,
        name,
        qty: rand() < 0.8 ? 1 : 2,
        amount: bounds[i + 1]! - bounds[i]!,
        category: store.category,
      };
    });
  }

  /** Resends an earlier purchase byte for byte, as a till whose PUBACK was lost does. */
  private sendRepeat(): boolean {
    const cutoff = performance.now() - REPEAT_WINDOW_MS;
    const candidates = this.recent.filter((s) => s.at >= cutoff);
    if (candidates.length === 0) return false;
    const earlier = pick(this.deps.rand, candidates);
    this.publish(earlier.storeId, earlier.txId, earlier.payload, 'repeat');
    return true;
  }

  private sendMalformed(kind: MalformedKind): void {
    const tx: Record<string, unknown> = { ...this.purchase() };
    delete tx.memberCode; // a malformed message needs no member's code
    const storeId = tx.storeId as string;
    const txId = tx.txId as string;
    switch (kind) {
      case 'not-json': {
        // A payload cut short by a buggy till: the hub cannot even read its txId.
        const text = JSON.stringify(tx);
        this.publish(storeId, undefined, text.slice(0, Math.floor(text.length / 2)), `malformed:${kind}`);
        return;
      }
      case 'negative-amount':
        tx.amount = -(tx.amount as number); // a refund sent as a sale
        break;
      case 'missing-fields':
        delete tx.occurredAt;
        delete tx.currency;
        break;
      case 'wrong-currency':
        tx.currency = pick(this.deps.rand, ['HKD', 'USD', 'RMB']);
        break;
    }
    this.publish(storeId, txId, JSON.stringify(tx), `malformed:${kind}`);
  }

  private publish(storeId: string, txId: string | undefined, payload: string, label: string): void {
    this.deps.stats.sent('till', label, txId === undefined ? undefined : `${storeId}/${txId}`);
    this.deps.client.publish(topics.posTx(this.deps.mall, storeId), payload, { qos: 1 });
  }

  private nextTxId(): string {
    this.seq++;
    return `sim-${this.deps.runId}-${this.seq.toString(36).padStart(5, '0')}`;
  }
}
