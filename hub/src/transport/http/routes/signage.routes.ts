import { existsSync } from 'node:fs';
import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import {
  createContentSchema,
  emergencySchema,
  parseWith,
  playlistSchema,
  scheduleEntrySchema,
  screenCommandSchema,
  screenSettingsSchema,
  uploadFieldsSchema,
} from '@atrium/shared';
import type { AssetStore } from '../../../platform/asset-store.js';
import type { EventBus } from '../../../platform/events.js';
import { MAX_UPLOAD_BYTES, type ContentService } from '../../../services/content.service.js';
import type { ProofOfPlayService } from '../../../services/proof-of-play.service.js';
import type { SignageService } from '../../../services/signage.service.js';
import { bodyOf, handler, HttpError, intParam } from '../http-kit.js';



export interface SignageRouteDeps {
  signage: SignageService;
  content: ContentService;
  plays: ProofOfPlayService;
  assets: AssetStore;
  events: EventBus;
  uploadDir: string;
  timeZone: string;
  onlineScreens: () => Set<string>;
  staffOnly: RequestHandler;
}

/** The signage API behind the console (docs/signage.md), and the content assets players fetch. */
export function signageRoutes(d: SignageRouteDeps): Router {
  const r = Router();
  const upload = multer({ dest: d.uploadDir, limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  r.use(['/api/content', '/api/playlists', '/api/schedule-entries', '/api/signage', '/api/emergency', '/api/plays'], d.staffOnly);
  r.use(/^\/api\/screens\/[^/]+\/(preview|commands)$/, d.staffOnly);
  r.patch('/api/screens/:id', d.staffOnly);

  // Assets: public on the mall network (screens fetch them), immutable because named by their hash.
  r.get(
    '/assets/:sha256',
    handler(async (req, res) => {
      const sha = String(req.params.sha256);
      if (!/^[0-9a-f]{64}$/.test(sha)) throw new HttpError(404, 'not_found', 'no such asset');
      const mime = await d.content.assetMime(sha);
      const file = d.assets.pathOf(sha);
      if (!mime || !existsSync(file)) throw new HttpError(404, 'not_found', 'no such asset');
      res.set({ 'Content-Type': mime, 'Cache-Control': 'public, max-age=31536000, immutable', 'X-Content-Type-Options': 'nosniff' });
      res.sendFile(file);
    }),
  );

  r.get('/api/content', handler(async (_q, s) => s.json(await d.content.list())));
  r.post(
    '/api/content',
    (req, res, next) => {
      if (!req.is('multipart/form-data')) return next();
      upload.single('file')(req, res, (err: unknown) => {
        if ((err as { code?: string } | undefined)?.code === 'LIMIT_FILE_SIZE') return next(new HttpError(413, 'too_large', `files may be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`));
        next(err);
      });
    },
    handler(async (req, res) => {
      if (req.file) {
        const fields = parseWith(uploadFieldsSchema, req.body);
        if (!fields.ok) throw new HttpError(400, 'invalid_input', fields.reason);
        return res.status(201).json(await d.content.upload(req.file.path, req.file.size, fields.value));
      }
      if (req.is('multipart/form-data')) throw new HttpError(400, 'invalid_input', 'file: send the image or video in the "file" field');
      res.status(201).json(await d.content.create(bodyOf(createContentSchema, req)));
    }),
  );
  r.delete(
    '/api/content/:id',
    handler(async (q, s) => {
      await d.content.remove(intParam(q, 'id'));
      s.status(204).end();
    }),
  );

  r.get('/api/playlists', handler(async (_q, s) => s.json(await d.signage.playlists())));
  r.post('/api/playlists', handler(async (q, s) => s.status(201).json(await d.signage.createPlaylist(bodyOf(playlistSchema, q)))));
  r.put('/api/playlists/:id', handler(async (q, s) => s.json(await d.signage.updatePlaylist(intParam(q, 'id'), bodyOf(playlistSchema, q)))));
  r.delete(
    '/api/playlists/:id',
    handler(async (q, s) => {
      await d.signage.deletePlaylist(intParam(q, 'id'));
      s.status(204).end();
    }),
  );

  r.get('/api/schedule-entries', handler(async (_q, s) => s.json(await d.signage.entries())));
  r.post('/api/schedule-entries', handler(async (q, s) => s.status(201).json(await d.signage.createEntry(bodyOf(scheduleEntrySchema, q)))));
  r.put('/api/schedule-entries/:id', handler(async (q, s) => s.json(await d.signage.updateEntry(intParam(q, 'id'), bodyOf(scheduleEntrySchema, q)))));
  r.delete(
    '/api/schedule-entries/:id',
    handler(async (q, s) => {
      await d.signage.deleteEntry(intParam(q, 'id'));
      s.status(204).end();
    }),
  );

  r.get('/api/signage/settings', handler(async (_q, s) => s.json({ defaultPlaylistId: await d.signage.defaultPlaylistId(), timeZone: d.timeZone })));
  r.put(
    '/api/signage/settings',
    handler(async (q, s) => {
      const body = q.body as { defaultPlaylistId?: unknown };
      const id = body?.defaultPlaylistId;
      if (id !== null && !(typeof id === 'number' && Number.isInteger(id) && id > 0)) throw new HttpError(400, 'invalid_input', 'defaultPlaylistId: a playlist id or null');
      await d.signage.setDefaultPlaylist(id);
      s.json({ defaultPlaylistId: id });
    }),
  );

  r.patch(
    '/api/screens/:id',
    handler(async (q, s) => {
      await d.signage.updateScreen(String(q.params.id), bodyOf(screenSettingsSchema, q));
      s.json({ ok: true });
    }),
  );
  r.post(
    '/api/screens/:id/commands',
    handler(async (q, s) => {
      const command = bodyOf(screenCommandSchema, q);
      const id = String(q.params.id);
      if (!d.onlineScreens().has(id)) throw new HttpError(409, 'offline', `screen ${id} is not connected; the command would not arrive`);
      d.events.emit('screenCommand', { screenId: String(q.params.id), command: command.name === 'identify' ? { name: 'identify', durationMs: 10_000 } : { name: 'reload' } });
      s.status(202).json({ sent: true });
    }),
  );
  r.get(
    '/api/screens/:id/preview',
    handler(async (q, s) => {
      const at = q.query.at ? new Date(String(q.query.at)) : new Date();
      if (Number.isNaN(at.getTime())) throw new HttpError(400, 'invalid_input', 'at: an ISO-8601 date-time');
      s.json(await d.signage.preview(String(q.params.id), at));
    }),
  );

  r.get('/api/emergency', handler(async (_q, s) => s.json(await d.signage.emergency())));
  r.post(
    '/api/emergency',
    handler(async (q, s) => {
      if (q.staff?.role !== 'admin' && q.staff?.role !== 'marketer') throw new HttpError(403, 'forbidden', 'only admins and marketers can broadcast');
      s.status(201).json(await d.signage.startEmergency(bodyOf(emergencySchema, q), q.staff.username));
    }),
  );
  r.delete(
    '/api/emergency',
    handler(async (q, s) => {
      if (q.staff?.role !== 'admin' && q.staff?.role !== 'marketer') throw new HttpError(403, 'forbidden', 'only admins and marketers can clear a broadcast');
      await d.signage.clearEmergency();
      s.status(204).end();
    }),
  );

  r.get(
    '/api/plays/summary',
    handler(async (q, s) => {
      const to = q.query.to ? new Date(String(q.query.to)) : new Date();
      const from = q.query.from ? new Date(String(q.query.from)) : new Date(to.getTime() - 7 * 86_400_000);
      if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new HttpError(400, 'invalid_input', 'from/to: ISO-8601 date-times');
      s.json(await d.plays.summary(from, to));
    }),
  );
  return r;
}
