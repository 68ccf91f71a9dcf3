/**
 * `npm run simulate`: plays the demo mall's tills and parking gates against an
 * MQTT broker (by default the hub's embedded one) and reports what came back.
 *
 *   npm run simulate -- --rate 20 --duration 60 --url mqtt://127.0.0.1:1883 --mall demo --data-dir ./data
 *
 * Composition root of the simulator: the one place that reads arguments and the
 * environment. It measures and never asserts; the integration tests assert.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { MacFn } from '@atrium/shared';
import { secretsPath, type HubSecrets } from '../platform/secrets.js';
import { Vault } from '../platform/vault.js';
import { seededRandom } from '../demo/demo-data.js';
import { startArrivals } from './common.js';
import { connectDevices, redactUrl, type DeviceConnection } from './connection.js';
import { Gates, gateDeviceIds, gateSubscriptions } from './gates.js';
import { Stats } from './stats.js';
import { Tills, tillDeviceIds, tillSubscriptions } from './tills.js';

const USAGE = `Usage: npm run simulate -- [options]

  --rate N        purchases per second (default 5); gate events come at about N/5 per second, at least one every 3 s
  --duration S    stop S seconds after reaching the broker (default: run until Ctrl-C)
  --url URL       MQTT broker (default $MQTT_URL, else mqtt://127.0.0.1:$MQTT_PORT or 1883: the hub's embedded broker)
  --mall ID       mall id in the topics (default $ATRIUM_MALL_ID or demo)
  --data-dir DIR  the hub's data dir, to sign member codes with its key (default $ATRIUM_DATA_DIR or ./data)
  --seed N        seed for the random choices, to replay a run (ids still differ per run)
  -h, --help      show this help`;

const REPORT_EVERY_MS = 5_000;
/** How long to wait for the answers still on their way when the run ends. */
const DRAIN_MS = 3_000;

interface Options {
  rate: number;
  durationS: number | undefined;
  url: string;
  mall: string;
  dataDir: string;
  seed: number;
}

class UsageError extends Error {}

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      rate: { type: 'string' },
      duration: { type: 'string' },
      url: { type: 'string' },
      mall: { type: 'string' },
      'data-dir': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const number = (name: string, raw: string | undefined, fallback: number | undefined, ok: (n: number) => boolean) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || !ok(n)) throw new UsageError(`--${name} ${raw} is not valid`);
    return n;
  };
  const mall = values.mall ?? (env.ATRIUM_MALL_ID || 'demo');
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(mall)) throw new UsageError(`--mall ${mall} must be 1–32 letters, digits, "_" or "-"`);
  return {
    rate: number('rate', values.rate, 5, (n) => n >= 0 && n <= 100_000)!,
    durationS: number('duration', values.duration, undefined, (n) => n > 0),
    url: values.url ?? (env.MQTT_URL || `mqtt://127.0.0.1:${env.MQTT_PORT || 1883}`),
    mall,
    dataDir: path.resolve(values['data-dir'] ?? (env.ATRIUM_DATA_DIR || './data')),
    seed: number('seed', values.seed, Math.floor(Math.random() * 2 ** 31), Number.isInteger)!,
  };
}

/**
 * The MAC a member's phone pass is signed with, from the hub's secrets file. Read
 * only: unlike the hub, the simulator never creates keys.
 */
async function loadMemberCodeMac(dataDir: string): Promise<MacFn | undefined> {
  const file = secretsPath(dataDir);
  try {
    const secrets = JSON.parse(await readFile(file, 'utf8')) as HubSecrets;
    if (typeof secrets.memberCodeKey !== 'string') throw new Error('it has no memberCodeKey');
    return new Vault(secrets).memberCodeMac;
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (err as Error).message;
    console.log(`Hub secrets ${file}: ${why}. Member codes cannot be signed, so every purchase is anonymous (pass --data-dir with the hub's data dir).`);
    return undefined;
  }
}

async function main(): Promise<void> {
  let options: Options | 'help';
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (err) {
    console.error(`simulate: ${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const { rate, durationS, url, mall, dataDir, seed } = options;
  const rand = seededRandom(seed);
  const runId = randomBytes(3).toString('hex');
  const now = () => new Date();
  const log = (line: string) => console.log(line);
  const stats = new Stats(rand);
  const mac = await loadMemberCodeMac(dataDir);

  const connections: DeviceConnection[] = [];
  let stopArrivals: Array<() => void> = [];
  let reporter: NodeJS.Timeout | undefined;
  let stoppingSince: number | undefined;
  let reported = false;

  const report = (why: string) => {
    if (reported) return;
    reported = true;
    const elapsed = ((performance.now() - stats.startedAt) / 1000).toFixed(1);
    console.log(stats.summary(`Atrium simulator: final summary (${why} after ${elapsed} s; mall ${mall}, ${redactUrl(url)}, rate ${rate}/s, seed ${seed}, run ${runId})`));
    hints(stats, mac !== undefined);
  };
  const finish = async (why: string) => {
    if (stoppingSince !== undefined) return;
    stoppingSince = performance.now();
    for (const stop of stopArrivals) stop();
    if (reporter) clearInterval(reporter);
    const deadline = performance.now() + DRAIN_MS;
    while (stats.awaiting > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    report(why);
    await Promise.all(connections.map((c) => c.close()));
    process.exit(0);
  };
  process.on('SIGINT', () => {
    if (stoppingSince === undefined) return void finish('interrupted');
    // Under `npm run` / `npx tsx` one Ctrl-C arrives several times (the terminal signals
    // the whole process group and each wrapper relays it), so only a Ctrl-C pressed
    // well after the first means "stop draining now".
    if (performance.now() - stoppingSince > 1000) {
      report('interrupted twice');
      process.exit(0);
    }
  });
  process.on('SIGTERM', () => void finish('terminated'));

  const gateRate = Math.max(rate / 5, 1 / 3);
  console.log(
    `Simulating ${rate} purchases/s and ${gateRate.toFixed(2)} gate events/s on ${redactUrl(url)} (mall ${mall}, seed ${seed}, run ${runId})` +
      `${durationS ? ` for ${durationS} s` : '; Ctrl-C to stop'}.`,
  );

  // Answers can only follow our own sends, which start once both exist.
  let tills: Tills | undefined;
  let gates: Gates | undefined;
  const [tillConn, gateConn] = await Promise.all([
    connectDevices({ url, mall, connectionId: 'sim-tills', deviceIds: tillDeviceIds(), subscriptions: tillSubscriptions(mall), onMessage: (t, p) => tills?.onMessage(t, p), log }),
    connectDevices({ url, mall, connectionId: 'sim-gates', deviceIds: gateDeviceIds(), subscriptions: gateSubscriptions(mall), onMessage: (t, p) => gates?.onMessage(t, p), log }),
  ]);
  connections.push(tillConn, gateConn);
  if (stoppingSince !== undefined) return;
  const tillSim = new Tills({ client: tillConn.client, mall, rand, stats, mac, runId, now });
  const gateSim = new Gates({ client: gateConn.client, mall, rand, stats, runId, now });
  tills = tillSim;
  gates = gateSim;

  stopArrivals = [startArrivals(rate, rand, () => tillSim.sendOne()), startArrivals(gateRate, rand, () => gateSim.sendOne())];
  reporter = setInterval(() => log(`${stats.line()} | cars inside ${gateSim.carsInside}`), REPORT_EVERY_MS);
  if (durationS !== undefined) setTimeout(() => void finish('done'), durationS * 1000);
}

/** Points at the usual misconfigurations when the answers show them. */
function hints(stats: Stats, signing: boolean): void {
  if (signing && stats.rejectedWith('memberCode signature is not valid') > 0) {
    console.log('Hint: member codes were refused as forged: --data-dir is probably not the data dir of the hub on this broker.');
  }
  if (stats.rejectedWith('member that does not exist') > 0) {
    console.log('Hint: the hub does not have the demo members (member i = id i+1): start it on an empty data dir with the demo on.');
  }
  if (stats.rejectedWith('unknown store') > 0) {
    console.log('Hint: the hub does not know the demo stores: is it running the demo mall (ATRIUM_DEMO not 0) with this --mall?');
  }
  if (stats.awaiting > 0) console.log(`Note: ${stats.awaiting} messages were still unanswered ${DRAIN_MS / 1000} s after the last send.`);
}

void main();
