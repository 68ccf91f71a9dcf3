import { maskName, maskPhone, maskPlate } from '@atrium/shared';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { Vault } from '../platform/vault.js';
import { layoutRepository } from '../repositories/layout.repository.js';
import { ledgerRepository } from '../repositories/ledger.repository.js';
import { membersRepository } from '../repositories/members.repository.js';
import { parkingRepository } from '../repositories/parking.repository.js';
import { uniqueInviteCode } from '../services/member.service.js';
import type { ScreenService } from '../services/screen.service.js';
import type { ContentService } from '../services/content.service.js';
import type { KioskService } from '../services/kiosk.service.js';
import type { SignageService } from '../services/signage.service.js';
import { DEMO_GATES, DEMO_KIOSKS, DEMO_MALL, DEMO_SCREENS, demoMembers, demoStores } from './demo-data.js';

/**
 * Seeds the demo mall into an empty database. Returns false when the database
 * already has members (a real mall, or a demo seeded before).
 */
export async function seedDemoMall(deps: {
  db: Database;
  vault: Vault;
  clock: Clock;
  screens: ScreenService;
  kiosks: KioskService;
  content: ContentService;
  signage: SignageService;
  dataDir: string;
  /** Where phones reach the hub: QR codes in the demo content point here. */
  baseUrl: string;
}): Promise<boolean> {
  const { db, vault, clock } = deps;
  if ((await membersRepository.count(db)) > 0) return false;
  const now = clock.now().toISOString();
  await db.transaction(async (sql) => {
    await layoutRepository.putSetting(sql, 'mall.name.zh', DEMO_MALL.nameZh);
    await layoutRepository.putSetting(sql, 'mall.name.en', DEMO_MALL.nameEn);
    for (const s of demoStores()) {
      await layoutRepository.insertStore(sql, { id: s.id, name_zh: s.nameZh, name_en: s.nameEn, category: s.category, floor: s.floor, zone: s.zone });
    }
    for (const g of DEMO_GATES) await layoutRepository.insertGate(sql, g);
    await parkingRepository.putZone(sql, { zone: 'P-north', name: '北区停车场 North car park', capacity: 320 });
    await parkingRepository.putZone(sql, { zone: 'P-south', name: '南区停车场 South car park', capacity: 260 });
    for (const m of demoMembers()) {
      const memberId = await membersRepository.insert(sql, {
        phoneHash: vault.lookupHash('phone', m.phone),
        phoneEnc: vault.encrypt(m.phone),
        phoneMasked: maskPhone(m.phone),
        nameEnc: vault.encrypt(m.name),
        nameMasked: maskName(m.name),
        birthday: m.birthday,
        tierCode: m.tier,
        createdAt: now,
      });
      await membersRepository.setReferralCode(sql, memberId, await uniqueInviteCode(sql));
      for (const plate of m.plates) {
        await membersRepository.addPlate(sql, { hash: vault.lookupHash('plate', plate), memberId, enc: vault.encrypt(plate), masked: maskPlate(plate), createdAt: now });
      }
      if (m.points > 0) {
        await ledgerRepository.append(sql, { memberId, delta: m.points, kind: 'opening', rule: 'demo:opening-balance', sourceType: 'demo', sourceId: String(memberId), createdAt: now });
      }
    }
  });
  const tokens: Record<string, string> = {};
  for (const s of DEMO_SCREENS) tokens[s.id] = (await deps.screens.register(s)).token;
  for (const k of DEMO_KIOSKS) tokens[k.id] = (await deps.kiosks.register(k)).token;
  await seedDemoSignage(deps);
  // Demo only: the tokens are kept so every `npm start` can print working screen URLs.
  // A real mall's tokens are shown once at registration and exist only as hashes.
  await writeFile(demoTokensFile(deps.dataDir), JSON.stringify(tokens, null, 2), { mode: 0o600 });
  return true;
}

export const demoTokensFile = (dataDir: string) => path.join(dataDir, 'demo-screen-tokens.json');

export async function readDemoTokens(dataDir: string): Promise<Record<string, string>> {
  try {
    return JSON.parse(await readFile(demoTokensFile(dataDir), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** A welcome loop for every screen, a parking loop for the barriers, and a weekday lunch slot on the floor screens. */
async function seedDemoSignage({ content, signage, baseUrl }: { content: ContentService; signage: SignageService; baseUrl: string }): Promise<void> {
  const card = (name: string, title: [string, string], body: [string, string], extra: { priceFen?: number; store?: [string, string] } = {}) =>
    content.create({
      kind: 'text',
      name,
      durationMs: 8000,
      title: { zh: title[0], en: title[1] },
      body: { zh: body[0], en: body[1] },
      priceFen: extra.priceFen ?? null,
      store: extra.store ? { zh: extra.store[0], en: extra.store[1] } : null,
    });
  const welcome = await card('Welcome', [`欢迎光临${DEMO_MALL.nameZh}`, `Welcome to ${DEMO_MALL.nameEn}`], ['祝您购物愉快', 'Enjoy your visit']);
  const join = await card('Join', ['扫码成为会员', 'Become a member'], ['消费积分 · 停车优惠 · 专属礼遇', 'Earn points · Park for less · Member gifts']);
  const joinQr = await content.create({ kind: 'qr', name: 'Join QR', durationMs: 8000, target: `${baseUrl}/m/join`, caption: { zh: '扫码入会', en: 'Scan to join' } });
  const parking = await card('Parking', ['会员免费停车', 'Free parking for members'], ['金卡会员每日免费停车 3 小时', 'Gold members park 3 h free every day']);
  const lunch = await card('Lunch deal', ['午市特惠', 'Lunch deal'], ['L4 美食广场 双人套餐', 'L4 food court, set for two'], { priceFen: 9_900, store: ['西贝莜面村', 'Xibei'] });
  const item = (c: { id: number }) => ({ contentId: c.id, durationMs: null, validFrom: null, validUntil: null });
  const welcomeLoop = await signage.createPlaylist({ name: 'Welcome loop', items: [item(welcome), item(join), item(joinQr)] });
  const barrierLoop = await signage.createPlaylist({ name: 'Barrier loop', items: [item(welcome), item(parking), item(joinQr)] });
  const lunchLoop = await signage.createPlaylist({ name: 'Lunch', items: [item(lunch), item(welcome)] });
  await signage.setDefaultPlaylist(welcomeLoop.id);
  for (const s of DEMO_SCREENS.filter((x) => x.kind === 'barrier')) await signage.updateScreen(s.id, { defaultPlaylistId: barrierLoop.id });
  await signage.createEntry({
    name: 'Weekday lunch on floor screens',
    playlistId: lunchLoop.id,
    priority: 10,
    dateFrom: null,
    dateTo: null,
    weekdays: [1, 2, 3, 4, 5],
    windows: [{ start: 11 * 60, end: 14 * 60 }],
    sharePct: null,
    target: { screenIds: [], floors: [], zones: [], kinds: ['floor'], tags: [] },
  });
}
