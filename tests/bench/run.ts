/**
 * `npm run bench`: measures the hub against real parts (its embedded broker, or a
 * Mosquitto on a free port, and a SQLite file on disk) and prints numbers. It never
 * asserts: targets are read by people (docs/performance.md once issue 9 lands).
 */
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { topics, type PosTxResult, type ScreenOffer } from '@atrium/shared';
import { readDemoTokens } from '../../hub/src/demo/seed.js';
import { demoMembers } from '../../hub/src/demo/demo-data.js';
import { startTestHub, type TestHub } from '../support/hub-harness.js';
import { TestDevice, TestScreen } from '../support/devices.js';
import { startMosquitto } from '../support/mosquitto.js';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (n: number) => Math.round(n * 100) / 100;

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: ms(percentile(sorted, 50)), p99: ms(percentile(sorted, 99)), max: ms(sorted.at(-1) ?? NaN) };
}

async function gateToBarrier(hub: TestHub, count: number) {
  const tokens = await readDemoTokens(hub.dataDir);
  const screen = await TestScreen.connect(hub.baseUrl, 'barrier-north', tokens['barrier-north']!);
  const gate = await TestDevice.connect(hub.mqttUrl);
  const plates = demoMembers().flatMap((m) => m.plates);
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const offer = new Promise<ScreenOffer>((resolve) => screen.socket.once('offer', resolve));
    const started = performance.now();
    await gate.publish(topics.gateEvent('demo', 'gate-north'), { eventId: `bench-gate-${i}`, gateId: 'gate-north', direction: 'in', plate: plates[i % plates.length]!, confidence: 0.95, occurredAt: new Date().toISOString() });
    await offer;
    samples.push(performance.now() - started);
  }
  screen.close();
  await gate.close();
  return summary(samples);
}

async function purchases(hub: TestHub, count: number, inFlight: number) {
  const till = await TestDevice.connect(hub.mqttUrl);
  const stores = ['dining-01', 'fashion-01', 'kids-01', 'beauty-01'];
  for (const s of stores) await till.subscribe(topics.posTxResult('demo', s));
  const sentAt = new Map<string, number>();
  const samples: number[] = [];
  let done = 0;
  let resolveAll!: () => void;
  const all = new Promise<void>((r) => (resolveAll = r));
  till.client.on('message', (_t, payload) => {
    const result = JSON.parse(payload.toString()) as PosTxResult;
    const t0 = sentAt.get(result.txId);
    if (t0 === undefined) return;
    samples.push(performance.now() - t0);
    sentAt.delete(result.txId);
    if (++done === count) resolveAll();
    else if (next < count) send(next++);
  });
  let next = 0;
  const send = (i: number) => {
    const store = stores[i % stores.length]!;
    const txId = `bench-${inFlight}-${i}`;
    sentAt.set(txId, performance.now());
    till.client.publish(topics.posTx('demo', store), JSON.stringify({ txId, storeId: store, occurredAt: new Date().toISOString(), amount: 10_000 + i, currency: 'CNY' }), { qos: 1 });
  };
  const started = performance.now();
  while (next < Math.min(inFlight, count)) send(next++);
  await all;
  const seconds = (performance.now() - started) / 1000;
  await till.close();
  return { ...summary(samples), perSecond: Math.round(count / seconds), inFlight };
}

async function main() {
  const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version };
  for (const broker of ['embedded', 'mosquitto'] as const) {
    const mosquitto = broker === 'mosquitto' ? await startMosquitto() : undefined;
    const hub = await startTestHub({ mqttUrl: mosquitto?.url });
    try {
      results[`${broker}.gateToBarrierMs`] = await gateToBarrier(hub, 300);
      results[`${broker}.purchaseRoundTripMs.sequential`] = await purchases(hub, 2000, 1);
      results[`${broker}.purchaseRoundTripMs.100InFlight`] = await purchases(hub, 10_000, 100);
    } finally {
      await hub.stop();
      await mosquitto?.stop();
    }
  }
  console.table(
    Object.fromEntries(Object.entries(results).filter(([, v]) => typeof v === 'object')),
  );
  const out = path.join(import.meta.dirname, 'results', 'latest.json');
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify(results, null, 2));
  console.log(`written ${path.relative(process.cwd(), out)}`);
}

void main().then(() => process.exit(0));
