import { createHash } from 'node:crypto';
import type { Namespace, Server, Socket } from 'socket.io';
import {
  contentProblemSchema,
  fail,
  heartbeatSchema,
  ok,
  parseWith,
  playedBatchSchema,
  screenAuthSchema,
  type ScreenClientEvents,
  type ScreenServerEvents,
} from '@atrium/shared';
import type { EventBus } from '../../platform/events.js';
import type { Logger } from '../../platform/logger.js';
import type { ScreenRow } from '../../repositories/screens.repository.js';
import type { ContentService } from '../../services/content.service.js';
import type { ParkingService } from '../../services/parking.service.js';
import type { ProofOfPlayService } from '../../services/proof-of-play.service.js';
import type { ScreenService } from '../../services/screen.service.js';
import type { SignageService } from '../../services/signage.service.js';

interface ScreenData {
  screen: ScreenRow;
  /** Hash of the last schedule sent, without its version: only real changes are pushed. */
  sentHash: string | null;
}
type ScreenSocket = Socket<ScreenClientEvents, ScreenServerEvents, Record<string, never>, ScreenData>;
export type ScreenNamespace = Namespace<ScreenClientEvents, ScreenServerEvents, Record<string, never>, ScreenData>;

/** Rooms: one per screen, and one per gate for the barrier displays standing there. */
export const rooms = {
  screen: (id: string) => `screen:${id}`,
  gate: (gateId: string) => `gate:${gateId}`,
  barriers: 'barriers',
};

export interface ScreenDeps {
  screens: ScreenService;
  signage: SignageService;
  content: ContentService;
  plays: ProofOfPlayService;
  parking: ParkingService;
  events: EventBus;
  logger: Logger;
}

/**
 * The `/screen` namespace: floor screens and barrier displays authenticate with
 * their device token, get their schedule on connect and whenever a change affects
 * them, offers for their gate, and commands; they send heartbeats, proof of play
 * and reports of broken content.
 */
export function attachScreenNamespace(io: Server, deps: ScreenDeps): { nsp: ScreenNamespace; online: () => Set<string>; detach: () => void } {
  // The server is shared by several namespaces with different event maps, so each is typed where it is attached.
  const nsp = io.of('/screen') as unknown as ScreenNamespace;
  const online = new Map<string, number>();

  /**
   * Sends the screen its schedule if it differs from what it has. The screen's own row
   * is re-read only when its settings changed, so a change pushed to many screens costs
   * no query per screen (the shared parts come from one snapshot per version).
   */
  async function sync(socket: ScreenSocket, screenChanged: boolean): Promise<void> {
    if (screenChanged) socket.data.screen = (await deps.screens.get(socket.data.screen.id)) ?? socket.data.screen;
    const schedule = await deps.signage.scheduleFor(socket.data.screen);
    const hash = createHash('sha256').update(JSON.stringify({ ...schedule, version: 0 })).digest('base64url');
    if (hash === socket.data.sentHash) return;
    socket.data.sentHash = hash;
    socket.emit('schedule', schedule);
  }

  nsp.use((socket, next) => {
    const auth = parseWith(screenAuthSchema, socket.handshake.auth);
    if (!auth.ok) return next(new Error(`auth: ${auth.reason}`));
    deps.screens
      .authenticate(auth.value.deviceId, auth.value.token)
      .then((screen) => {
        if (!screen) return next(new Error('auth: unknown device or wrong token'));
        socket.data.screen = screen;
        socket.data.sentHash = null;
        next();
      })
      .catch(() => next(new Error('auth: temporarily unavailable')));
  });

  nsp.on('connection', (socket: ScreenSocket) => {
    const screen = socket.data.screen;
    void socket.join(rooms.screen(screen.id));
    if (screen.kind === 'barrier') {
      void socket.join(rooms.barriers);
      if (screen.gate_id) void socket.join(rooms.gate(screen.gate_id));
      deps.parking.occupancy().then(
        (occupancy) => socket.emit('occupancy', occupancy),
        () => undefined,
      );
    }
    online.set(screen.id, (online.get(screen.id) ?? 0) + 1);
    deps.logger.info({ screen: screen.id }, 'screen connected');
    sync(socket, false).catch((err: Error) => deps.logger.error({ screen: screen.id, err: err.message }, 'schedule failed'));
    void deps.screens.heartbeat(screen.id, undefined).catch(() => undefined);

    socket.on('heartbeat', (beat) => {
      const parsed = parseWith(heartbeatSchema, beat);
      if (parsed.ok) void deps.screens.heartbeat(screen.id, parsed.value.appVersion, parsed.value.playing).catch(() => undefined);
    });
    socket.on('played', (batch, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = parseWith(playedBatchSchema, batch);
      if (!parsed.ok) return ack(fail('invalid_input', parsed.reason));
      deps.plays.record(screen.id, parsed.value).then(
        (result) => ack(ok(result)),
        (err: Error) => {
          deps.logger.error({ screen: screen.id, err: err.message }, 'proof of play failed');
          ack(fail('internal', 'could not store plays; send them again'));
        },
      );
    });
    socket.on('content:problem', (problem) => {
      const parsed = parseWith(contentProblemSchema, problem);
      if (!parsed.ok) return;
      deps.logger.warn({ screen: screen.id, contentId: parsed.value.contentId, reason: parsed.value.reason }, 'content problem reported');
      void deps.content.reportProblem(parsed.value.contentId, parsed.value.reason).catch(() => undefined);
    });
    socket.on('disconnect', () => {
      const left = (online.get(screen.id) ?? 1) - 1;
      if (left > 0) online.set(screen.id, left);
      else online.delete(screen.id);
    });
  });

  const unsubscribers = [
    deps.events.on('barrierOffer', ({ gateId, offer }) => nsp.to(rooms.gate(gateId)).emit('offer', offer)),
    // Spaces left, for barrier displays only: one small message per car in or out, never to every screen.
    deps.events.on('occupancyChanged', () => {
      deps.parking.occupancy().then(
        (occupancy) => nsp.to(rooms.barriers).emit('occupancy', occupancy),
        (err: Error) => deps.logger.error({ err: err.message }, 'occupancy failed'),
      );
    }),
    deps.events.on('screenCommand', ({ screenId, command }) => nsp.to(rooms.screen(screenId)).emit('command', command)),
    // A change may affect any screen: each connected one gets its document recomputed, and only changed ones are sent.
    deps.events.on('signageChanged', ({ screenId }) => {
      for (const socket of nsp.sockets.values()) {
        sync(socket, socket.data.screen.id === screenId).catch((err: Error) => deps.logger.error({ screen: socket.data.screen.id, err: err.message }, 'schedule push failed'));
      }
    }),
  ];

  return { nsp, online: () => new Set(online.keys()), detach: () => unsubscribers.forEach((off) => off()) };
}
