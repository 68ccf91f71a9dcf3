import { io, type Socket } from 'socket.io-client';
import type { ScreenClientEvents, ScreenCommand, ScreenServerEvents } from '@atrium/shared';
import type { PlayerState } from './state/player.svelte.js';

export type ScreenSocket = Socket<ScreenServerEvents, ScreenClientEvents>;

export interface ScreenSocketOptions {
  deviceId: string;
  token: string;
  player: PlayerState;
  appVersion: string;
  /** Hub origin; the page's own origin when omitted (the hub serves this page). */
  url?: string;
  heartbeatMs?: number;
  /** How long to wait before asking again after the hub refused or dropped this screen. */
  retryMs?: number;
  reload?: () => void;
}

const HEARTBEAT_MS = 15_000;
const RETRY_MS = 30_000;

/**
 * The screen's one connection to the hub's `/screen` namespace: hub events go into the
 * player state, heartbeats go out every 15 s while connected. Returns a function that
 * closes the connection and stops its timers.
 */
export function connectScreen(options: ScreenSocketOptions): () => void {
  const { player, appVersion } = options;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const retryMs = options.retryMs ?? RETRY_MS;
  const reload = options.reload ?? (() => location.reload());
  const auth = { deviceId: options.deviceId, token: options.token };
  const uri = `${options.url ?? ''}/screen`;

  const socket: ScreenSocket = io(uri, { auth, transports: ['websocket'] });

  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const beat = () => {
    // Checked because socket.io buffers emits while offline and would flush stale beats later.
    if (!socket.connected) return;
    const playing = player.playing;
    socket.emit('heartbeat', { at: new Date().toISOString(), appVersion, ...(playing ? { playing } : {}) });
  };

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

  socket.on('schedule', (schedule) => player.setSchedule(schedule));
  socket.on('offer', (offer) => player.showOffer(offer));
  socket.on('command', (command) => runCommand(command, player, reload));

  return () => {
    closed = true;
    clearTimeout(retry);
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
