import { maskName, maskPhone, maskPlate } from '@atrium/shared';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { Vault } from '../platform/vault.js';
import { layoutRepository } from '../repositories/layout.repository.js';
import { ledgerRepository } from '../repositories/ledger.repository.js';
import { membersRepository } from '../repositories/members.repository.js';
import { uniqueInviteCode } from '../services/member.service.js';
import type { ScreenService } from '../services/screen.service.js';
import type { KioskService } from '../services/kiosk.service.js';
import { DEMO_GATES, DEMO_KIOSKS, DEMO_MALL, DEMO_SCREENS, demoMembers, demoStores } from './demo-data.js';

/**
 * Seeds the demo mall into an empty database. Returns false when the database
 * already has members (a real mall, or a demo seeded before).
 */
export async function seedDemoMall(deps: { db: Database; vault: Vault; clock: Clock; screens: ScreenService; kiosks: KioskService; dataDir: string }): Promise<boolean> {
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
