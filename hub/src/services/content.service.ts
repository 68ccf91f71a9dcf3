import { rm } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import QRCode from 'qrcode';
import type { ContentItem, CreateContent, Localized } from '@atrium/shared';
import type { Database } from '../db/database.js';
import type { AssetStore } from '../platform/asset-store.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/events.js';
import { signageRepository, type ContentRow } from '../repositories/signage.repository.js';
import { DomainProblem } from './domain-problem.js';

/** What each accepted type may weigh. The type is sniffed from the bytes, never taken from the name. */
export const UPLOAD_TYPES: Record<string, { kind: 'image' | 'video'; maxBytes: number }> = {
  'image/jpeg': { kind: 'image', maxBytes: 10 * 1024 * 1024 },
  'image/png': { kind: 'image', maxBytes: 10 * 1024 * 1024 },
  'image/webp': { kind: 'image', maxBytes: 10 * 1024 * 1024 },
  'video/mp4': { kind: 'video', maxBytes: 200 * 1024 * 1024 },
  'video/webm': { kind: 'video', maxBytes: 200 * 1024 * 1024 },
};
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export class ContentProblem extends DomainProblem<'unsupported_type' | 'too_large' | 'not_found' | 'in_use'> {}

type ContentBody = { text?: ContentItem['text']; qr?: ContentItem['qr']; web?: ContentItem['web'] };

export function toContentItem(row: ContentRow): ContentItem {
  const body = row.body_json ? (JSON.parse(row.body_json) as ContentBody) : {};
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    durationMs: row.duration_ms,
    ...(row.asset_sha256 ? { asset: { url: `/assets/${row.asset_sha256}`, sha256: row.asset_sha256, mime: row.asset_mime ?? 'application/octet-stream', bytes: row.asset_bytes ?? 0 } } : {}),
    ...body,
  };
}

/** The content library: uploads (sniffed, size-limited, stored by hash) and cards made from text. */
export class ContentService {
  constructor(private readonly deps: { db: Database; clock: Clock; events: EventBus; assets: AssetStore }) {}

  async create(input: CreateContent): Promise<ContentItem> {
    let body: ContentBody;
    if (input.kind === 'text') body = { text: { title: input.title, body: input.body, priceFen: input.priceFen ?? null, store: input.store ?? null } };
    else if (input.kind === 'qr') body = { qr: { target: input.target, caption: input.caption, dataUrl: await QRCode.toDataURL(input.target, { margin: 1, width: 600 }) } };
    else body = { web: { url: input.url } };
    const id = await signageRepository.insertContent(this.deps.db, {
      kind: input.kind,
      name: input.name,
      duration_ms: input.durationMs,
      asset_sha256: null,
      asset_mime: null,
      asset_bytes: null,
      body_json: JSON.stringify(body),
      created_at: this.deps.clock.now().toISOString(),
    });
    return this.get(id);
  }

  /** An uploaded file (already on disk, in a temporary place): sniffed, checked, stored once by hash. */
  async upload(tmpPath: string, bytes: number, fields: { name: string; durationMs: number }): Promise<ContentItem> {
    try {
      const sniffed = await fileTypeFromFile(tmpPath);
      const allowed = sniffed ? UPLOAD_TYPES[sniffed.mime] : undefined;
      if (!sniffed || !allowed) {
        throw new ContentProblem('unsupported_type', `file type ${sniffed?.mime ?? 'unknown'} is not accepted; use JPEG, PNG, WebP, MP4 or WebM`);
      }
      if (bytes > allowed.maxBytes) throw new ContentProblem('too_large', `${allowed.kind}s may be at most ${allowed.maxBytes / 1024 / 1024} MB`);
      const stored = await this.deps.assets.put(tmpPath);
      const id = await signageRepository.insertContent(this.deps.db, {
        kind: allowed.kind,
        name: fields.name,
        duration_ms: fields.durationMs,
        asset_sha256: stored.sha256,
        asset_mime: sniffed.mime,
        asset_bytes: stored.bytes,
        body_json: null,
        created_at: this.deps.clock.now().toISOString(),
      });
      return this.get(id);
    } finally {
      await rm(tmpPath, { force: true });
    }
  }

  async get(id: number): Promise<ContentItem> {
    const row = await signageRepository.content(this.deps.db, id);
    if (!row) throw new ContentProblem('not_found', `content ${id} does not exist`);
    return toContentItem(row);
  }

  async list(): Promise<Array<ContentItem & { createdAt: string; problems: { count: number; last: string | null } }>> {
    return (await signageRepository.contents(this.deps.db)).map((r) => ({ ...toContentItem(r), createdAt: r.created_at, problems: { count: r.problem_count, last: r.last_problem } }));
  }

  async remove(id: number): Promise<void> {
    const orphan = await this.deps.db.transaction(async (sql) => {
      const row = await signageRepository.content(sql, id);
      if (!row) throw new ContentProblem('not_found', `content ${id} does not exist`);
      if ((await signageRepository.contentInUse(sql, id)) > 0) throw new ContentProblem('in_use', 'this content is in a playlist; remove it there first');
      await signageRepository.deleteContent(sql, id);
      // The same file may back other content (stored once by hash): delete it only when nothing else uses it.
      return row.asset_sha256 && !(await signageRepository.assetMime(sql, row.asset_sha256)) ? row.asset_sha256 : null;
    });
    if (orphan) await rm(this.deps.assets.pathOf(orphan), { force: true });
  }

  async reportProblem(contentId: number, reason: string): Promise<void> {
    await signageRepository.recordProblem(this.deps.db, contentId, reason.slice(0, 200));
  }

  assetMime(sha256: string): Promise<string | undefined> {
    return signageRepository.assetMime(this.deps.db, sha256);
  }
}

export const localized = (zh: string, en: string): Localized => ({ zh, en });
