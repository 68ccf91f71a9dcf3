import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentItem, Playlist, ScheduleEntry, ScreenSchedule } from '@atrium/shared';
import { startTestHub, TestClock, type TestHub } from '../support/hub-harness.js';
import { eventually, TestScreen } from '../support/devices.js';

/** A real PNG (1×1, red), built here so no binary fixture is committed. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))), chunk('IEND', Buffer.alloc(0))]);
}

describe('signage: content, schedules pushed to the right screens, proof of play', () => {
  const clock = new TestClock(new Date('2026-11-27T10:00:00+08:00')); // a Friday
  let hub: TestHub;
  const screens: TestScreen[] = [];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startTestHub({ clock, demo: false });
    for (const s of [
      { id: 'l1-a', name: 'L1 A', kind: 'floor', floor: 'L1', zone: 'atrium' },
      { id: 'l1-b', name: 'L1 B', kind: 'floor', floor: 'L1', zone: 'east' },
      { id: 'l2-a', name: 'L2 A', kind: 'floor', floor: 'L2', zone: 'atrium' },
    ]) {
      tokens[s.id] = (await hub.api<{ token: string }>('POST', '/api/screens', s)).body.token;
    }
  });
  afterAll(async () => {
    screens.forEach((s) => s.close());
    await hub?.stop();
  });

  async function connect(id: string): Promise<TestScreen> {
    const screen = await TestScreen.connect(hub.baseUrl, id, tokens[id]!);
    screens.push(screen);
    await eventually(() => expect(screen.schedule).toBeDefined());
    return screen;
  }

  async function upload(bytes: Buffer, filename: string, type: string, name = filename) {
    const form = new FormData();
    form.append('name', name);
    form.append('durationMs', '6000');
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), filename);
    const login = await fetch(`${hub.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'test-admin-password' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const res = await fetch(`${hub.baseUrl}/api/content`, { method: 'POST', headers: { cookie }, body: form });
    return { status: res.status, body: (await res.json()) as ContentItem & { error?: { code: string; message: string } } };
  }

  it('stores an uploaded image once by its hash, judged by its bytes, and serves it', async () => {
    const png = tinyPng();
    const first = await upload(png, 'photo.jpg', 'image/jpeg', 'Red dot'); // the name lies; the bytes say PNG
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kind: 'image', asset: { mime: 'image/png', bytes: png.length } });
    const second = await upload(png, 'again.png', 'image/png');
    expect(second.body.asset?.sha256).toBe(first.body.asset?.sha256);
    const asset = await fetch(`${hub.baseUrl}${first.body.asset!.url}`);
    expect(asset.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await asset.arrayBuffer()).equals(png)).toBe(true);
  });

  it('refuses a file that is not an accepted image or video, whatever its name says', async () => {
    const res = await upload(Buffer.from('<script>alert(1)</script>'), 'innocent.png', 'image/png');
    expect(res.status).toBe(415);
    expect(res.body.error?.message).toMatch(/not accepted; use JPEG, PNG, WebP, MP4 or WebM/);
  });

  it('a schedule change reaches only the screens it targets, right away', async () => {
    const [a, b, c] = [await connect('l1-a'), await connect('l1-b'), await connect('l2-a')];
    const card = await hub.api<ContentItem>('POST', '/api/content', { kind: 'text', name: 'Atrium sale', title: { zh: '中庭特卖', en: 'Atrium sale' }, body: { zh: '全场五折', en: 'Half price' } });
    const playlist = await hub.api<Playlist>('POST', '/api/playlists', { name: 'Sale', items: [{ contentId: card.body.id }] });
    const versions = () => [a, b, c].map((s) => s.schedule!.version);
    const before = versions();
    const entry = await hub.api<ScheduleEntry>('POST', '/api/schedule-entries', {
      name: 'Atrium zone sale',
      playlistId: playlist.body.id,
      priority: 20,
      target: { zones: ['atrium'], kinds: ['floor'] },
    });
    expect(entry.status).toBe(201);
    await eventually(() => {
      expect(a.schedule!.entries.map((e) => e.id)).toContain(entry.body.id);
      expect(c.schedule!.entries.map((e) => e.id)).toContain(entry.body.id);
    });
    // The east screen is not in the atrium: it was not sent anything.
    expect(b.schedule!.version).toBe(before[1]);
    expect(b.schedule!.entries).toEqual([]);
    const preview = await hub.api<{ plan: { kind: string; items: Array<{ content: { id: number } }> } }>('GET', `/api/screens/l1-a/preview?at=${encodeURIComponent(clock.now().toISOString())}`);
    expect(preview.body.plan.items.map((i) => i.content.id)).toEqual([card.body.id]);
  });

  it('an emergency reaches every chosen screen at once, and clearing it gives the loop back', async () => {
    const [a, b] = [screens.find((s) => s.schedule!.screen.id === 'l1-a')!, screens.find((s) => s.schedule!.screen.id === 'l1-b')!];
    const started = await hub.api('POST', '/api/emergency', { message: { zh: '请从最近的出口疏散', en: 'Please leave by the nearest exit' }, screenIds: [] });
    expect(started.status).toBe(201);
    await eventually(() => {
      expect(a.schedule!.emergency?.message.en).toBe('Please leave by the nearest exit');
      expect(b.schedule!.emergency?.message.en).toBe('Please leave by the nearest exit');
    });
    await hub.api('DELETE', '/api/emergency');
    await eventually(() => {
      expect(a.schedule!.emergency).toBeNull();
      expect(b.schedule!.emergency).toBeNull();
    });
  });

  it('a player that reconnects gets the current schedule', async () => {
    const again = await connect('l1-b');
    const current = (await hub.api<{ schedule: ScreenSchedule }>('GET', '/api/screens/l1-b/preview')).body.schedule;
    expect(again.schedule).toEqual(current);
  });

  it('proof of play is stored once even when a batch is sent twice', async () => {
    const screen = screens[0]!;
    const batch = {
      batchId: 'batch-000001',
      plays: [
        { playId: 'play-0000001', contentId: 1, entryId: null, startedAt: '2026-11-27T10:00:00+08:00', durationMs: 6000 },
        { playId: 'play-0000002', contentId: 1, entryId: null, startedAt: '2026-11-27T10:00:06+08:00', durationMs: 6000 },
      ],
    };
    const send = () => new Promise<unknown>((resolve) => screen.socket.emit('played', batch, resolve));
    expect(await send()).toEqual({ ok: true, data: { stored: 2, duplicates: 0 } });
    expect(await send()).toEqual({ ok: true, data: { stored: 0, duplicates: 2 } });
    const rows = await hub.started.db.all('SELECT play_id FROM plays');
    expect(rows).toHaveLength(2);
    const summary = await hub.api<{ byContent: Array<{ key: number; plays: number; seconds: number }> }>('GET', '/api/plays/summary?from=2026-11-27T00:00:00%2B08:00&to=2026-11-28T00:00:00%2B08:00');
    expect(summary.body.byContent).toEqual([{ key: 1, plays: 2, seconds: 12 }]);
  });

  it('refuses a malformed play batch with a reason', async () => {
    const screen = screens[0]!;
    const answer = await new Promise<{ ok: boolean; error?: { code: string } }>((resolve) => screen.socket.emit('played', { batchId: 'x', plays: [] } as never, resolve as never));
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('will not delete content or playlists that are in use', async () => {
    const playlists = await hub.api<Playlist[]>('GET', '/api/playlists');
    const sale = playlists.body.find((p) => p.name === 'Sale')!;
    expect((await hub.api('DELETE', `/api/content/${sale.items[0]!.contentId}`)).status).toBe(409);
    expect((await hub.api('DELETE', `/api/playlists/${sale.id}`)).status).toBe(409);
  });
});
