import type { Namespace, Server, Socket } from 'socket.io';
import { heartbeatSchema, parseWith, screenAuthSchema, type ScreenClientEvents, type ScreenServerEvents } from '@atrium/shared';
import type { EventBus } from '../../platform/events.js';
import type { Logger } from '../../platform/logger.js';
import type { ScreenRow } from '../../repositories/screens.repository.js';
import type { ScreenService } from '../../services/screen.service.js';

type ScreenSocket = Socket<ScreenClientEvents, ScreenServerEvents, Record<string, never>, { screen: ScreenRow }>;
export type ScreenNamespace = Namespace<ScreenClientEvents, ScreenServerEvents, Record<string, never>, { screen: ScreenRow }>;

/** Rooms: one per screen, and one per gate for the barrier displays standing there. */
export const rooms = {
  screen: (id: string) => `screen:${id}`,
  gate: (gateId: string) => `gate:${gateId}`,
};

/**
 * The `/screen` namespace: floor screens and barrier displays authenticate with
 * their device token, receive their schedule on connect, and offers for their gate.
 */
export function attachScreenNamespace(io: Server, deps: { screens: ScreenService; events: EventBus; logger: Logger }): { nsp: ScreenNamespace; online: () => Set<string>; detach: () => void } {
  // The server is shared by several namespaces with different event maps, so each is typed where it is attached.
  const nsp = io.of('/screen') as unknown as ScreenNamespace;
  const online = new Map<string, number>();

  nsp.use((socket, next) => {
    const auth = parseWith(screenAuthSchema, socket.handshake.auth);
    if (!auth.ok) return next(new Error(`auth: ${auth.reason}`));
    deps.screens
      .authenticate(auth.value.deviceId, auth.value.token)
      .then((screen) => {
        if (!screen) return next(new Error('auth: unknown device or wrong token'));
        socket.data.screen = screen;
        next();
      })
      .catch(() => next(new Error('auth: temporarily unavailable')));
  });

  nsp.on('connection', (socket: ScreenSocket) => {
    const screen = socket.data.screen;
    void socket.join(rooms.screen(screen.id));
    if (screen.kind === 'barrier' && screen.gate_id) void socket.join(rooms.gate(screen.gate_id));
    online.set(screen.id, (online.get(screen.id) ?? 0) + 1);
    deps.logger.info({ screen: screen.id }, 'screen connected');
    deps.screens.scheduleFor(screen).then(
      (schedule) => socket.emit('schedule', schedule),
      (err: Error) => deps.logger.error({ screen: screen.id, err: err.message }, 'schedule failed'),
    );
    void deps.screens.heartbeat(screen.id, undefined);

    socket.on('heartbeat', (beat) => {
      const parsed = parseWith(heartbeatSchema, beat);
      if (parsed.ok) void deps.screens.heartbeat(screen.id, parsed.value.appVersion).catch(() => undefined);
    });
    socket.on('disconnect', () => {
      const left = (online.get(screen.id) ?? 1) - 1;
      if (left > 0) online.set(screen.id, left);
      else online.delete(screen.id);
    });
  });

  const unsubscribers = [
    deps.events.on('memberArrived', ({ gateId, offer }) => nsp.to(rooms.gate(gateId)).emit('offer', offer)),
    deps.events.on('strangerArrived', ({ gateId, offer }) => nsp.to(rooms.gate(gateId)).emit('offer', offer)),
  ];

  return { nsp, online: () => new Set(online.keys()), detach: () => unsubscribers.forEach((off) => off()) };
}
