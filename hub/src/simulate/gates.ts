import type { MqttClient } from 'mqtt';
import { gateCommandSchema, normalizePlate, topics, type GateEvent } from '@atrium/shared';
import { DEMO_GATES, demoMembers, strangerPlates } from '../demo/demo-data.js';
import { exponentialMs, mallIso, pick, type Rng } from './common.js';
import type { Stats } from './stats.js';

/** Share of arriving cars that belong to no member. */
const STRANGER_SHARE = 0.3;
/**
 * Stays are compressed from hours to seconds so that even a short run sees cars
 * leave: at least 3 s, then exponential with this mean.
 */
const MIN_STAY_MS = 3_000;
const MEAN_EXTRA_STAY_MS = 30_000;

interface Parked {
  plate: string;
  leaveAt: number;
}

export interface GatesDeps {
  client: MqttClient;
  mall: string;
  rand: Rng;
  stats: Stats;
  /** Makes event ids unique across runs: the hub remembers every (gateId, eventId). */
  runId: string;
  now(): Date;
}

/** The gates are devices of their own: their ids are the gate ids. */
export const gateDeviceIds = (): string[] => DEMO_GATES.map((g) => g.id);

/** Commands for every gate of the mall, on one subscription. */
export const gateSubscriptions = (mall: string): string[] => [topics.gateCommand(mall, '+')];

/** The car park's entrance cameras: cars come in, stay a while, and leave by either gate. */
export class Gates {
  private readonly memberPlates = demoMembers().flatMap((m) => m.plates);
  private readonly strangers: string[];
  /** Cars inside, by normalised plate. */
  private readonly parked = new Map<string, Parked>();
  private seq = 0;
  /** Exits waiting at the barrier, by event id: the pay station pays what the barrier asks. */
  private readonly exits = new Map<string, { gateId: string; plate: string }>();
  private paid = 0;

  constructor(private readonly deps: GatesDeps) {
    this.strangers = strangerPlates(300, 7 + Math.floor(deps.rand() * 1000));
  }

  get carsInside(): number {
    return this.parked.size;
  }

  /** One camera read: a car whose stay is over leaves, otherwise a car arrives. */
  sendOne(): void {
    const now = performance.now();
    for (const [key, car] of this.parked) {
      if (car.leaveAt <= now) {
        this.parked.delete(key);
        return this.publish('out', car.plate, 'out');
      }
    }
    const stranger = this.deps.rand() < STRANGER_SHARE || this.memberPlates.length === 0;
    const pool = stranger ? this.strangers : this.memberPlates;
    // A car already inside cannot drive in again; try a few others before giving up on this tick.
    for (let attempt = 0; attempt < 10; attempt++) {
      const plate = pick(this.deps.rand, pool);
      const key = normalizePlate(plate);
      if (this.parked.has(key)) continue;
      this.parked.set(key, { plate, leaveAt: now + MIN_STAY_MS + exponentialMs(this.deps.rand, 1000 / MEAN_EXTRA_STAY_MS) });
      return this.publish('in', plate, stranger ? 'in:stranger' : 'in:member');
    }
  }

  /** Handles a message on `…/parking/{gateId}/command`. */
  onMessage(topic: string, payload: Buffer): void {
    const gateId = topic.split('/')[3];
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      body = undefined;
    }
    const parsed = gateCommandSchema.safeParse(body);
    if (!gateId || !parsed.success) {
      this.deps.stats.malformedAnswers++;
      return;
    }
    // The command's LED lines are not logged: they show the (masked) plate and member details.
    this.deps.stats.answered('gate', `${gateId}/${parsed.data.eventId}`, parsed.data.open ? 'open' : 'closed');
    const exit = this.exits.get(parsed.data.eventId);
    if (!exit) return;
    if (parsed.data.open) {
      this.exits.delete(parsed.data.eventId);
    } else if (parsed.data.fee > 0) {
      // A pay station: the driver pays a moment later and the barrier should open.
      const fee = parsed.data.fee;
      setTimeout(() => {
        this.paid++;
        const paid = { eventId: parsed.data.eventId, plate: exit.plate, amount: fee, paymentRef: `sim-${this.deps.runId}-pay${this.paid}` };
        this.deps.client.publish(topics.parkingPaid(this.deps.mall, exit.gateId), JSON.stringify(paid), { qos: 1 });
      }, 1000 + Math.floor(this.deps.rand() * 2000));
    }
  }

  private publish(direction: GateEvent['direction'], plate: string, label: string): void {
    const { rand } = this.deps;
    const gate = pick(rand, DEMO_GATES);
    this.seq++;
    const event: GateEvent = {
      eventId: `sim-${this.deps.runId}-g${this.seq.toString(36).padStart(4, '0')}`,
      gateId: gate.id,
      direction,
      plate: cameraSpelling(plate, rand),
      confidence: Math.round((0.85 + rand() * 0.14) * 100) / 100,
      occurredAt: mallIso(this.deps.now()),
    };
    this.deps.stats.sent('gate', label, `${event.gateId}/${event.eventId}`);
    if (direction === 'out') this.exits.set(event.eventId, { gateId: gate.id, plate: event.plate });
    this.deps.client.publish(topics.gateEvent(this.deps.mall, gate.id), JSON.stringify(event), { qos: 1 });
  }
}

/** Cameras of different vendors print the same plate differently: "浙C12345", "浙C·12345", "浙C 12345". */
function cameraSpelling(plate: string, rand: Rng): string {
  const chars = Array.from(plate);
  const head = chars.slice(0, 2).join('');
  const tail = chars.slice(2).join('');
  const roll = rand();
  if (roll < 0.6) return plate;
  if (roll < 0.85) return `${head}·${tail}`;
  if (roll < 0.95) return `${head} ${tail}`;
  return `${head}-${tail}`;
}
