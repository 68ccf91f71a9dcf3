import { io, type Socket } from 'socket.io-client';
import type { Ack, KioskArgs, KioskCall, KioskClientEvents, KioskServerEvents } from '@atrium/shared';
import type { KioskState, PendingCall } from './state/kiosk.svelte.js';

export type KioskSocket = Socket<KioskServerEvents, KioskClientEvents>;

/** The ack a call is answered with, from the shared event map. */
export type AckOf<K extends KioskCall> = Parameters<Parameters<KioskClientEvents[K]>[1]>[0];
/** Calls that change something: they carry a `requestId`, so asking twice is safe. */
export type ChangeCall = { [K in KioskCall]: KioskArgs<K> extends { requestId: string } ? K : never }[KioskCall];
export type ChangeArgs<K extends ChangeCall> = Omit<KioskArgs<K>, 'requestId'>;

export interface KioskClient {
  /**
   * A call that is not retried (reads, opening a session, sending a one-time code): answered
   * `offline` at once when the hub is away and `timeout` after 8 s, so nothing hangs.
   */
  call<K extends KioskCall>(name: K, args: KioskArgs<K>): Promise<AckOf<K>>;
  /**
   * A change. It gets a fresh `requestId`, waits for earlier changes to be answered (so the
   * hub sees them in the order the member made them), and is sent again with the same
   * `requestId` after a timeout or a reconnect until the hub answers. The hub answers a
   * repeated `requestId` from the first result, so nothing is lost and nothing done twice.
   */
  change<K extends ChangeCall>(name: K, args: ChangeArgs<K>): Promise<AckOf<K>>;
  /** Runs `task` after every change queued so far has been answered. */
  inOrder<T>(task: () => Promise<T>): Promise<T>;
  /** Calls `listener` on every (re)connection; returns a function that stops it. */
  onConnect(listener: () => void): () => void;
  readonly connected: boolean;
  close(): void;
}

export interface KioskSocketOptions {
  deviceId: string;
  token: string;
  state: KioskState;
  /** Hub origin; the page's own origin when omitted (the hub serves this page). */
  url?: string;
  callTimeoutMs?: number;
  /** How long to wait before asking again after the hub refused or dropped this kiosk. */
  retryMs?: number;
}

const CALL_TIMEOUT_MS = 8_000;
const RETRY_MS = 15_000;
const MAX_BACKOFF_MS = 8_000;

const failure = (code: string, message: string) => ({ ok: false as const, error: { code, message } });

/**
 * The kiosk's one connection to the hub's `/kiosk` namespace. The connection state and the
 * hub's pushes go straight into `state`; calls go through the returned client.
 */
export function connectKiosk(options: KioskSocketOptions): KioskClient {
  const { state } = options;
  const callTimeoutMs = options.callTimeoutMs ?? CALL_TIMEOUT_MS;
  const retryMs = options.retryMs ?? RETRY_MS;
  const socket: KioskSocket = io(`${options.url ?? ''}/kiosk`, {
    auth: { deviceId: options.deviceId, token: options.token },
    transports: ['websocket'],
  });

  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const connectListeners = new Set<() => void>();
  /** Changes waiting for the connection to come back. */
  const waiters = new Set<() => void>();
  const pending = new Map<string, PendingCall>();
  let tail: Promise<unknown> = Promise.resolve();

  const publishPending = () => state.setPending([...pending.values()].map((call) => ({ ...call })));

  /** Resolves on the next connection (or when the client closes). */
  const nextConnect = () =>
    new Promise<void>((resolve) => {
      waiters.add(resolve);
    });

  const wakeWaiters = () => {
    const woken = [...waiters];
    waiters.clear();
    for (const wake of woken) wake();
  };

  /** One try: the hub's answer, or null when it did not answer in time. */
  const emitOnce = (name: KioskCall, args: unknown): Promise<Ack<unknown> | null> =>
    new Promise((resolve) => {
      // One cast: socket.io's typed `emit` cannot follow a generic event name through `timeout()`.
      const timed = socket.timeout(callTimeoutMs) as unknown as {
        emit(event: string, args: unknown, ack: (err: Error | null, answer?: unknown) => void): void;
      };
      timed.emit(name, args, (err, answer) => resolve(err ? null : asAck(answer)));
    });

  const inOrder = <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };

  const call = async <K extends KioskCall>(name: K, args: KioskArgs<K>): Promise<AckOf<K>> => {
    if (!socket.connected) return failure('offline', 'the hub is not connected') as AckOf<K>;
    const answer = await emitOnce(name, args);
    return (answer ?? failure('timeout', `no answer to ${name} in ${callTimeoutMs} ms`)) as AckOf<K>;
  };

  const untilAnswered = async (name: ChangeCall, args: { requestId: string }): Promise<Ack<unknown>> => {
    const entry: PendingCall = { requestId: args.requestId, name, since: Date.now(), attempts: 0, waiting: false };
    pending.set(entry.requestId, entry);
    publishPending();
    try {
      let backoff = 500;
      for (;;) {
        if (closed) return failure('offline', 'the kiosk page closed its connection');
        if (!socket.connected) {
          entry.waiting = true;
          publishPending();
          await nextConnect();
          entry.waiting = false;
          publishPending();
          continue;
        }
        entry.attempts += 1;
        const answer = await emitOnce(name, args);
        if (answer) return answer;
        // No answer in time: the hub may or may not have done it. The same requestId again is safe.
        await new Promise((resolve) => setTimeout(resolve, backoff));
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    } finally {
      pending.delete(entry.requestId);
      publishPending();
    }
  };

  const change = <K extends ChangeCall>(name: K, args: ChangeArgs<K>): Promise<AckOf<K>> => {
    const withId = { ...args, requestId: newRequestId() };
    return inOrder(() => untilAnswered(name, withId)) as Promise<AckOf<K>>;
  };

  // socket.io reconnects by itself after network faults, but not after the hub refused the
  // handshake or disconnected us on purpose (`socket.active` is false then). Nobody at a kiosk
  // can press a reconnect button, so it keeps asking, slowly.
  const retryLater = () => {
    clearTimeout(retry);
    if (closed) return;
    retry = setTimeout(() => {
      if (!socket.connected) socket.connect();
    }, retryMs);
  };

  socket.on('connect', () => {
    clearTimeout(retry);
    state.setOnline();
    wakeWaiters();
    for (const listener of [...connectListeners]) listener();
  });

  socket.on('connect_error', (error) => {
    state.setOffline(error.message);
    if (!socket.active) retryLater();
  });

  socket.on('disconnect', (reason) => {
    state.setOffline(reason);
    if (!socket.active) retryLater();
  });

  socket.on('session:opened', (home) => state.openSession(home));
  socket.on('session:closed', (info) => {
    // 'replaced' comes with the session that replaced it (our own open, or 'session:opened').
    if (info.reason === 'expired' && state.session) state.endSession('session_expired');
  });

  return {
    call,
    change,
    inOrder,
    onConnect(listener) {
      const own = () => listener();
      connectListeners.add(own);
      return () => connectListeners.delete(own);
    },
    get connected() {
      return socket.connected;
    },
    close() {
      closed = true;
      clearTimeout(retry);
      connectListeners.clear();
      // Waiting changes wake up, see `closed` and give up.
      wakeWaiters();
      socket.disconnect();
    },
  };
}

/** Anything that is not the one ack shape is the hub's fault, not the member's. */
function asAck(answer: unknown): Ack<unknown> {
  if (answer && typeof answer === 'object' && 'ok' in answer) {
    const ack = answer as Ack<unknown>;
    if (ack.ok === true) return ack;
    if (ack.ok === false && ack.error && typeof ack.error.code === 'string') return ack;
  }
  return failure('internal', 'the hub answered with something that is not an ack');
}

/**
 * `crypto.randomUUID` exists only in secure contexts, and a kiosk on the mall's LAN may well
 * load the page over plain http; `getRandomValues` works everywhere.
 */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** For a page opened without `?device=…&token=…`: every call answers `offline`. */
export function unconnectedClient(): KioskClient {
  const offline = <K extends KioskCall>(): Promise<AckOf<K>> =>
    Promise.resolve(failure('offline', 'this kiosk has no device id or token') as AckOf<K>);
  return {
    call: offline,
    change: offline,
    inOrder: (task) => task(),
    onConnect: () => () => undefined,
    connected: false,
    close: () => undefined,
  };
}
