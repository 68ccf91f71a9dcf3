import type { ScreenSchedule } from '@atrium/shared';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { deviceTokenMatches, hashDeviceToken, newDeviceToken } from '../platform/device-tokens.js';
import { layoutRepository } from '../repositories/layout.repository.js';
import { screensRepository, type ScreenRow } from '../repositories/screens.repository.js';

export interface ScreenInput {
  id: string;
  name: string;
  kind: 'floor' | 'barrier';
  floor?: string | undefined;
  zone?: string | undefined;
  gateId?: string | undefined;
}

export interface ScreenView {
  id: string;
  name: string;
  kind: 'floor' | 'barrier';
  floor: string | null;
  zone: string | null;
  gateId: string | null;
  lastSeenAt: string | null;
  appVersion: string | null;
}

export class ScreenProblem extends Error {
  constructor(
    readonly code: 'invalid' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

/** Floor screens and barrier displays: registration, authentication, and what each plays. */
export class ScreenService {
  constructor(private readonly deps: { db: Database; clock: Clock }) {}

  /** Returns the device token once; only its hash is stored. */
  async register(input: ScreenInput): Promise<{ id: string; token: string }> {
    const { db, clock } = this.deps;
    if (input.kind === 'barrier' && !input.gateId) throw new ScreenProblem('invalid', 'gateId: a barrier display needs the gate it stands at');
    const token = newDeviceToken();
    await db.transaction(async (sql) => {
      if (await screensRepository.get(sql, input.id)) throw new ScreenProblem('conflict', `id: screen ${input.id} already exists`);
      if (input.gateId && !(await layoutRepository.gate(sql, input.gateId))) throw new ScreenProblem('invalid', `gateId: unknown gate ${input.gateId}`);
      await screensRepository.insert(sql, {
        id: input.id,
        name: input.name,
        kind: input.kind,
        floor: input.floor ?? null,
        zone: input.zone ?? null,
        gate_id: input.gateId ?? null,
        token_hash: hashDeviceToken(token),
        created_at: clock.now().toISOString(),
      });
    });
    return { id: input.id, token };
  }

  /** The screen for a valid device token, or undefined. */
  async authenticate(deviceId: string, token: string): Promise<ScreenRow | undefined> {
    const screen = await screensRepository.get(this.deps.db, deviceId);
    if (!screen) return undefined;
    return deviceTokenMatches(screen.token_hash, token) ? screen : undefined;
  }

  async list(): Promise<ScreenView[]> {
    return (await screensRepository.list(this.deps.db)).map(toView);
  }

  async heartbeat(id: string, appVersion: string | undefined): Promise<void> {
    await screensRepository.touch(this.deps.db, id, this.deps.clock.now().toISOString(), appVersion ?? null);
  }

  /** The built-in loop every screen plays until the signage issue brings content scheduling. */
  async scheduleFor(screen: ScreenRow): Promise<ScreenSchedule> {
    const mallName = {
      zh: (await layoutRepository.setting(this.deps.db, 'mall.name.zh')) ?? 'Atrium 购物中心',
      en: (await layoutRepository.setting(this.deps.db, 'mall.name.en')) ?? 'Atrium Mall',
    };
    const items: ScreenSchedule['items'] = [
      { id: 'default-welcome', kind: 'text', durationMs: 8000, title: { zh: `欢迎光临${mallName.zh}`, en: `Welcome to ${mallName.en}` }, body: { zh: '祝您购物愉快', en: 'Enjoy your visit' } },
      { id: 'default-member', kind: 'text', durationMs: 8000, title: { zh: '扫码成为会员', en: 'Become a member' }, body: { zh: '消费积分 · 停车优惠 · 专属礼遇', en: 'Earn points · Park for less · Member gifts' } },
    ];
    if (screen.kind === 'barrier') {
      items.push({ id: 'default-parking', kind: 'text', durationMs: 8000, title: { zh: '会员免费停车', en: 'Free parking for members' }, body: { zh: '金卡会员每日免费停车 3 小时', en: 'Gold members park 3 h free every day' } });
    }
    return { version: 1, screen: { id: screen.id, name: screen.name, kind: screen.kind, mallName }, items };
  }
}

const toView = (s: ScreenRow): ScreenView => ({
  id: s.id,
  name: s.name,
  kind: s.kind,
  floor: s.floor,
  zone: s.zone,
  gateId: s.gate_id,
  lastSeenAt: s.last_seen_at,
  appVersion: s.app_version,
});
