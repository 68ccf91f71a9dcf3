import { io, type Socket } from 'socket.io-client';
import type { Ack, ScreenClientEvents, ScreenCommand, ScreenSchedule, ScreenServerEvents } from '@atrium/shared';
import { newId, type PlayerStore } from './player-store.js';
import type { PlayerState } from './state/player.svelte.js';

export type ScreenSocket = Socket<ScreenServerEvents, ScreenClientEvents>;

export interface ScreenSocketOptions {
  deviceId: string;
  token: string;
  player: PlayerState;
  /** Holds the plays until the hub acknowledges them. */
  store: Promise<PlayerStore>;
  appVersion: string;
  /** Hub origin; the page's own origin when omitted (the hub serves this page). */
  url?: string;
  heartbeatMs?: number;
  playedEveryMs?: number;
  /** How long to wait before asking again after the hub refused or dropped this screen. */
  retryMs?: number;
  reload?: () => void;
  /** Every schedule the hub sends, after the player took it (persist it, cache its assets). */
  onSchedule?: (schedule: ScreenSchedule) => void;
}

const HEARTBEAT_MS = 15_000;
const PLAYED_EVERY_MS = 10_000;
const RETRY_MS = 30_000;
const PLAYED_BATCH = 200;
const PLAYED_ACK_MS = 10_000;
/** Per flush, so a long backlog goes out in a burst but cannot hog the socket forever. */
const MAX_BATCHES_PER_FLUSH = 50;

/**
 * The screen's one connection to the hub's `/screen` namespace: hub events go into the
 * player state; heartbeats (15 s), proof of play (10 s, and at once on reconnect) and
 * content problems go out. Returns a function that closes the connection and its timers.
 */
export function connectScreen(options: ScreenSocketOptions): () => void {
  const { player, appVersion, store } = options;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const retryMs = options.retryMs ?? RETRY_MS;
  const reload = options.reload ?? (() => location.reload());
  const auth = { deviceId: options.deviceId, token: options.token };
  const uri = `${options.url ?? ''}/screen`;

  const socket: ScreenSocket = io(uri, { auth, transports: ['websocket'] });

  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let sending = false;

  const beat = () => {
    // Checked because socket.io buffers emits while offline and would flush stale beats later.
    if (!socket.connected) return;
    const playing = player.playing;
    socket.emit('heartbeat', { at: new Date().toISOString(), appVersion, ...(playing ? { playing } : {}) });
  };

  /**
   * Sends queued plays in batches; a batch leaves the queue only on an ok ack. After a lost
   * ack the same plays go again under a new batch id: the hub stores each playId once.
   */
  const sendPlays = async () => {
    if (sending || !socket.connected) return;
    sending = true;
    try {
      const queue = await store;
      for (let n = 0; n < MAX_BATCHES_PER_FLUSH && socket.connected; n++) {
        const { keys, plays } = await queue.peekPlays(PLAYED_BATCH);
        if (plays.length === 0) return;
        const answer: Ack<{ stored: number; duplicates: number }> = await socket.timeout(PLAYED_ACK_MS).emitWithAck('played', { batchId: newId(), plays });
        if (!answer.ok) {
          // The hub could not store them (retry later), or says they can never be stored:
          // dropping those is the only way the queue behind them can move.
          if (answer.error.code !== 'invalid_input') return;
          console.warn('proof of play: hub rejected a batch, dropping it', answer.error.message);
        }
        await queue.removePlays(keys);
        if (plays.length < PLAYED_BATCH) return;
      }
    } catch {
      // No ack in time, or the socket went away: the plays stay queued for the next round.
    } finally {
      sending = false;
    }
  };

  const sendProblems = () => {
    if (!socket.connected) return;
    for (const problem of player.problems.splice(0)) socket.emit('content:problem', problem);
  };
  player.onProblem = sendProblems;

  const playedTimer = setInterval(() => void sendPlays(), options.playedEveryMs ?? PLAYED_EVERY_MS);

  const stopHeartbeat = () => {
    clearInterval(heartbeat);
    heartbeat = undefined;
  };

  // socket.io reconnects by itself after network faults, but not after the hub refused the
  // handshake or disconnected us on purpose (`socket.active` is false then). A screen has no
  // one to press a button, so it keeps asking, slowly.
  const retryLater = () => {
    clearTimeout(retry);
    if (closed) return;
    retry = setTimeout(() => {
      if (!socket.connected) socket.connect();
    }, retryMs);
  };

  socket.on('connect', () => {
    clearTimeout(retry);
    player.setConnected();
    stopHeartbeat();
    beat();
    heartbeat = setInterval(beat, heartbeatMs);
    sendProblems();
    void sendPlays();
  });

  socket.on('connect_error', (error) => {
    player.setDisconnected(error.message);
    if (!socket.active) retryLater();
  });

  socket.on('disconnect', (reason) => {
    stopHeartbeat();
    player.setDisconnected(reason);
    if (!socket.active) retryLater();
  });

  socket.on('schedule', (schedule) => {
    player.setSchedule(schedule, 'hub');
    options.onSchedule?.(schedule);
  });
  socket.on('offer', (offer) => player.showOffer(offer));
  socket.on('occupancy', (occupancy) => player.setOccupancy(occupancy));
  socket.on('command', (command) => runCommand(command, player, reload));

  return () => {
    closed = true;
    player.onProblem = null;
    clearTimeout(retry);
    clearInterval(playedTimer);
    stopHeartbeat();
    socket.disconnect();
  };
}

function runCommand(command: ScreenCommand, player: PlayerState, reload: () => void): void {
  switch (command.name) {
    case 'reload':
      reload();
      return;
    case 'identify':
      player.identify(command.durationMs);
      return;
  }
}
