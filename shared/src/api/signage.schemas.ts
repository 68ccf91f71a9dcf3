import { z } from 'zod';

/** Request bodies of the signage API used by the console (docs/signage.md). */

const localized = z.object({ zh: z.string().max(200), en: z.string().max(200) });
const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with offset' });
const day = z.iso.date('must be a date like 2026-12-24');
const durationMs = z.number().int().min(1000, 'at least 1 s').max(3600_000, 'at most 1 h');

/** Text, QR and web content are created from JSON; images and videos are uploaded (multipart, field "file"). */
export const createContentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    name: z.string().min(1).max(100),
    durationMs: durationMs.default(8000),
    title: localized,
    body: localized,
    priceFen: z.number().int().nonnegative().nullable().optional(),
    store: localized.nullable().optional(),
  }),
  z.object({ kind: z.literal('qr'), name: z.string().min(1).max(100), durationMs: durationMs.default(8000), target: z.string().min(1).max(500), caption: localized }),
  z.object({
    kind: z.literal('web'),
    name: z.string().min(1).max(100),
    durationMs: durationMs.default(15000),
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  }),
]);
export type CreateContent = z.infer<typeof createContentSchema>;

/** Fields sent with an uploaded image or video (multipart form fields). */
export const uploadFieldsSchema = z.object({
  name: z.string().min(1).max(100),
  /** Images: time on screen. Videos: their length as the browser measured it. */
  durationMs: z.coerce.number().int().min(1000).max(3 * 3600_000),
});

export const playlistSchema = z.object({
  name: z.string().min(1).max(100),
  items: z
    .array(
      z.object({
        contentId: z.number().int().positive(),
        durationMs: durationMs.nullable().default(null),
        validFrom: isoTime.nullable().default(null),
        validUntil: isoTime.nullable().default(null),
      }),
    )
    .max(200),
});
export type PlaylistInput = z.infer<typeof playlistSchema>;

const minute = z.number().int().min(0).max(1440);

export const screenTargetSchema = z.object({
  screenIds: z.array(z.string().max(64)).max(500).default([]),
  floors: z.array(z.string().max(16)).max(50).default([]),
  zones: z.array(z.string().max(32)).max(50).default([]),
  kinds: z.array(z.enum(['floor', 'barrier', 'kiosk'])).max(3).default([]),
  tags: z.array(z.string().max(32)).max(50).default([]),
});

export const scheduleEntrySchema = z
  .object({
    name: z.string().min(1).max(100),
    playlistId: z.number().int().positive(),
    priority: z.number().int().min(0).max(100).default(10),
    dateFrom: day.nullable().default(null),
    dateTo: day.nullable().default(null),
    weekdays: z.array(z.number().int().min(1).max(7)).max(7).default([]),
    windows: z.array(z.object({ start: minute, end: minute })).max(12).default([]),
    sharePct: z.number().int().min(1).max(90).nullable().default(null),
    target: screenTargetSchema.default({ screenIds: [], floors: [], zones: [], kinds: [], tags: [] }),
  })
  .superRefine((e, ctx) => {
    if (e.dateFrom && e.dateTo && e.dateTo < e.dateFrom) ctx.addIssue({ code: 'custom', path: ['dateTo'], message: 'must not be before dateFrom' });
    e.windows.forEach((w, i) => {
      if (w.start === w.end) ctx.addIssue({ code: 'custom', path: ['windows', i], message: 'a window needs a start and a different end' });
    });
  });
export type ScheduleEntryInput = z.infer<typeof scheduleEntrySchema>;

export const emergencySchema = z.object({
  message: localized.refine((m) => m.zh.trim() !== '' || m.en.trim() !== '', 'give the message in at least one language'),
  /** Empty: every screen. */
  screenIds: z.array(z.string().max(64)).max(1000).default([]),
});

export const screenCommandSchema = z.discriminatedUnion('name', [z.object({ name: z.literal('reload') }), z.object({ name: z.literal('identify') })]);

export const screenSettingsSchema = z.object({
  tags: z.array(z.string().min(1).max(32)).max(20).optional(),
  defaultPlaylistId: z.number().int().positive().nullable().optional(),
  floor: z.string().max(16).nullable().optional(),
  zone: z.string().max(32).nullable().optional(),
});
