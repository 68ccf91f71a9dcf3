import mqtt, { type MqttClient } from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import type { KioskArgs, KioskCall, KioskClientEvents, KioskServerEvents, ScreenClientEvents, ScreenOffer, ScreenSchedule, ScreenServerEvents } from '@atrium/shared';

/** A real MQTT device (till or gate) talking to the broker under test. */
export class TestDevice {
  private constructor(readonly client: MqttClient) {}

  static async connect(url: string, clientId = `test-${Math.random().toString(36).slice(2)}`): Promise<TestDevice> {
    const client = await mqtt.connectAsync(url, { clientId, reconnectPeriod: 0 });
    return new TestDevice(client);
  }

  async subscribe(topic: string): Promise<void> {
    await this.client.subscribeAsync(topic, { qos: 1 });
  }

  async publish(topic: string, payload: string | Buffer | object): Promise<void> {
    const body = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload);
    await this.client.publishAsync(topic, body, { qos: 1 });
  }

  /** Resolves with the next JSON message on `topic` that matches, or rejects after `ms`. */
  next<T>(topic: string, match: (msg: T) => boolean = () => true, ms = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.client.off('message', onMessage);
        reject(new Error(`no matching message on ${topic} within ${ms} ms`));
      }, ms);
      const onMessage = (t: string, payload: Buffer) => {
        if (t !== topic) return;
        const msg = JSON.parse(payload.toString()) as T;
        if (!match(msg)) return;
        clearTimeout(timer);
        this.client.off('message', onMessage);
        resolve(msg);
      };
      this.client.on('message', onMessage);
    });
  }

  /** Collects JSON messages on `topic` for `ms`. */
  collect<T>(topic: string, ms: number): Promise<T[]> {
    const got: T[] = [];
    const onMessage = (t: string, payload: Buffer) => t === topic && got.push(JSON.parse(payload.toString()) as T);
    this.client.on('message', onMessage);
    return new Promise((resolve) =>
      setTimeout(() => {
        this.client.off('message', onMessage);
        resolve(got);
      }, ms),
    );
  }

  close(): Promise<void> {
    return this.client.endAsync();
  }
}

/** A real Socket.IO screen client on `/screen`, recording what it receives. */
export class TestScreen {
  readonly offers: ScreenOffer[] = [];
  schedule: ScreenSchedule | undefined;

  private constructor(readonly socket: Socket<ScreenServerEvents, ScreenClientEvents>) {
    socket.on('offer', (offer) => this.offers.push(offer));
    socket.on('schedule', (s) => (this.schedule = s));
  }

  static connect(baseUrl: string, deviceId: string, token: string): Promise<TestScreen> {
    const socket: Socket<ScreenServerEvents, ScreenClientEvents> = io(`${baseUrl}/screen`, {
      auth: { deviceId, token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const screen = new TestScreen(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(screen));
      socket.once('connect_error', (err) => reject(err));
    });
  }

  nextOffer(ms = 5000): Promise<ScreenOffer> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no offer within ${ms} ms`)), ms);
      this.socket.once('offer', (offer) => {
        clearTimeout(timer);
        resolve(offer);
      });
    });
  }

  close(): void {
    this.socket.close();
  }
}

/** Waits until `check` passes, polling; for effects that arrive asynchronously (never for timing assertions). */
export async function eventually<T>(check: () => Promise<T> | T, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await check();
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  throw lastError;
}

/** A real Socket.IO kiosk client on `/kiosk`, with a promise per acknowledged call. */
export class TestKiosk {
  readonly pushed: Array<{ event: string; payload: unknown }> = [];

  private constructor(readonly socket: Socket<KioskServerEvents, KioskClientEvents>) {
    socket.on('session:opened', (home) => this.pushed.push({ event: 'session:opened', payload: home }));
    socket.on('session:closed', (info) => this.pushed.push({ event: 'session:closed', payload: info }));
  }

  static connect(baseUrl: string, deviceId: string, token: string): Promise<TestKiosk> {
    const socket: Socket<KioskServerEvents, KioskClientEvents> = io(`${baseUrl}/kiosk`, { auth: { deviceId, token }, transports: ['websocket'], reconnection: false, forceNew: true });
    const kiosk = new TestKiosk(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(kiosk));
      socket.once('connect_error', (err) => reject(err));
    });
  }

  call<K extends KioskCall>(name: K, args: KioskArgs<K>): Promise<Parameters<Parameters<KioskClientEvents[K]>[1]>[0]> {
    // socket.io's typed timeout() turns the ack into (err, answer); its generic types do not follow through a mapped call name.
    const timed = this.socket.timeout(5000) as unknown as { emit(n: string, a: unknown, cb: (err: Error | null, answer: unknown) => void): void };
    return new Promise((resolve, reject) => timed.emit(name, args, (err, answer) => (err ? reject(err) : resolve(answer as never))));
  }

  next(event: 'session:opened' | 'session:closed', ms = 5000): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
      this.socket.once(event, (payload: unknown) => {
        clearTimeout(timer);
        resolve(payload);
      });
    });
  }

  close(): void {
    this.socket.close();
  }
}
