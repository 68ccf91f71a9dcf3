import { Router, type RequestHandler } from 'express';
import { parkingTariffSchema, parkingZoneSchema } from '@atrium/shared';
import type { DeviceStatusService } from '../../../services/device-status.service.js';
import type { ParkingService } from '../../../services/parking.service.js';
import type { Database } from '../../../db/database.js';
import { layoutRepository } from '../../../repositories/layout.repository.js';
import { bodyOf, handler, HttpError } from '../http-kit.js';

/** Staff: cars inside (plates masked), today's numbers, occupancy, gates' status, the tariff (docs/parking.md). */
export function parkingRoutes(d: { parking: ParkingService; deviceStatus: DeviceStatusService; db: Database; staffOnly: RequestHandler }): Router {
  const r = Router();
  r.use('/api/parking', d.staffOnly);
  r.get('/api/parking/sessions', handler(async (q, s) => s.json(await d.parking.openSessions(q.query.plate ? String(q.query.plate) : undefined))));
  r.get(
    '/api/parking/summary',
    handler(async (q, s) => {
      const at = q.query.at ? new Date(String(q.query.at)) : new Date();
      if (Number.isNaN(at.getTime())) throw new HttpError(400, 'invalid_input', 'at: an ISO-8601 date-time');
      s.json(await d.parking.summary(at));
    }),
  );
  r.get('/api/parking/occupancy', handler(async (_q, s) => s.json(await d.parking.occupancy())));
  r.get(
    '/api/parking/alerts',
    handler(async (_q, s) => s.json((await d.parking.openSessions()).filter((x) => x.longStay || x.flagged))),
  );
  r.get(
    '/api/parking/gates',
    handler(async (_q, s) => {
      const status = new Map((await d.deviceStatus.list()).map((x) => [x.deviceId, x]));
      s.json((await layoutRepository.gates(d.db)).map((g) => ({ id: g.id, name: g.name, zone: g.zone, state: status.get(g.id)?.state ?? 'unknown', at: status.get(g.id)?.at ?? null })));
    }),
  );
  r.get('/api/parking/tariff', handler(async (_q, s) => s.json(toApi(await d.parking.tariff()))));
  r.put(
    '/api/parking/tariff',
    handler(async (q, s) => {
      if (q.staff?.role !== 'admin') throw new HttpError(403, 'forbidden', 'only an admin can change the tariff');
      const t = bodyOf(parkingTariffSchema, q);
      await d.parking.setTariff({
        free_minutes: t.freeMinutes,
        per_hour_fen: t.perHourFen,
        day_cap_fen: t.dayCapFen,
        lost_ticket_fee_fen: t.lostTicketFeeFen,
        spend_fen_per_hour: t.spendFenPerHour,
        spend_hours_cap: t.spendHoursCap,
        min_confidence: t.minConfidence,
        long_stay_minutes: t.longStayMinutes,
      });
      s.json(toApi(await d.parking.tariff()));
    }),
  );
  r.put(
    '/api/parking/zones/:zone',
    handler(async (q, s) => {
      const z = bodyOf(parkingZoneSchema, q);
      await d.parking.setZone(String(q.params.zone), z.name, z.capacity);
      s.json(await d.parking.occupancy());
    }),
  );
  return r;
}

const toApi = (t: Awaited<ReturnType<ParkingService['tariff']>>) => ({
  freeMinutes: t.free_minutes,
  perHourFen: t.per_hour_fen,
  dayCapFen: t.day_cap_fen,
  lostTicketFeeFen: t.lost_ticket_fee_fen,
  spendFenPerHour: t.spend_fen_per_hour,
  spendHoursCap: t.spend_hours_cap,
  minConfidence: t.min_confidence,
  longStayMinutes: t.long_stay_minutes,
});
