import { Router, type RequestHandler } from 'express';
import { createGateSchema, createStoreSchema } from '@atrium/shared';
import type { Database } from '../../../db/database.js';
import { layoutRepository } from '../../../repositories/layout.repository.js';
import { bodyOf, handler, HttpError } from '../http-kit.js';

/** Stores and gates: tills and gates publish under these ids. */
export function layoutRoutes(deps: { db: Database; staffOnly: RequestHandler }): Router {
  const router = Router();
  router.use(['/api/stores', '/api/gates'], deps.staffOnly);
  router.get(
    '/api/stores',
    handler(async (_req, res) =>
      res.json((await layoutRepository.stores(deps.db)).map((s) => ({ id: s.id, nameZh: s.name_zh, nameEn: s.name_en, category: s.category, floor: s.floor, zone: s.zone }))),
    ),
  );
  router.post(
    '/api/stores',
    handler(async (req, res) => {
      const s = bodyOf(createStoreSchema, req);
      if (await layoutRepository.store(deps.db, s.id)) throw new HttpError(409, 'conflict', `id: store ${s.id} already exists`);
      await layoutRepository.insertStore(deps.db, { id: s.id, name_zh: s.nameZh, name_en: s.nameEn, category: s.category, floor: s.floor ?? null, zone: s.zone ?? null });
      res.status(201).json({ id: s.id });
    }),
  );
  router.get('/api/gates', handler(async (_req, res) => res.json(await layoutRepository.gates(deps.db))));
  router.post(
    '/api/gates',
    handler(async (req, res) => {
      const g = bodyOf(createGateSchema, req);
      if (await layoutRepository.gate(deps.db, g.id)) throw new HttpError(409, 'conflict', `id: gate ${g.id} already exists`);
      await layoutRepository.insertGate(deps.db, { id: g.id, name: g.name, zone: g.zone ?? null });
      res.status(201).json({ id: g.id });
    }),
  );
  return router;
}
