import { createHash, randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { LinkCode } from '@atrium/shared';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/events.js';
import { kioskRepository } from '../repositories/kiosk.repository.js';
import { DomainProblem } from './domain-problem.js';

export const LINK_TTL_SECONDS = 120;

export class LinkProblem extends DomainProblem<'not_found' | 'expired' | 'used'> {}

const hashCode = (code: string) => createHash('sha256').update(code).digest('base64url');

/**
 * The phone link: a kiosk shows a short-lived, single-use QR; a member logged in
 * on their phone opens it and confirms, and the session opens on that kiosk.
 */
export class KioskLinkService {
  constructor(private readonly deps: { db: Database; clock: Clock; events: EventBus; baseUrl: () => string }) {}

  async create(kioskId: string, socketId: string): Promise<LinkCode> {
    const code = randomBytes(18).toString('base64url');
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + LINK_TTL_SECONDS * 1000).toISOString();
    await kioskRepository.insertLink(this.deps.db, { code_hash: hashCode(code), kiosk_id: kioskId, socket_id: socketId, created_at: now.toISOString(), expires_at: expiresAt });
    const url = `${this.deps.baseUrl()}/m/link?code=${code}`;
    return { url, qrDataUrl: await QRCode.toDataURL(url, { margin: 1, width: 360 }), expiresAt };
  }

  async peek(code: string): Promise<{ kioskName: string; expiresAt: string }> {
    const link = await this.valid(code);
    const kiosk = await kioskRepository.get(this.deps.db, link.kiosk_id);
    return { kioskName: kiosk?.name ?? link.kiosk_id, expiresAt: link.expires_at };
  }

  async confirm(code: string, memberId: number): Promise<void> {
    const link = await this.valid(code);
    if (!(await kioskRepository.useLink(this.deps.db, link.code_hash, memberId, this.deps.clock.now().toISOString()))) {
      throw new LinkProblem('used', 'this code was already used; scan the new one on the kiosk');
    }
    // The session opens on the kiosk, not on the socket that showed the code: that may have reconnected since.
    this.deps.events.emit('kioskLinkConfirmed', { kioskId: link.kiosk_id, memberId });
  }

  private async valid(code: string) {
    const link = await kioskRepository.link(this.deps.db, hashCode(code));
    if (!link) throw new LinkProblem('not_found', 'unknown code; scan the code shown on the kiosk');
    if (link.used_at) throw new LinkProblem('used', 'this code was already used; scan the new one on the kiosk');
    if (link.expires_at <= this.deps.clock.now().toISOString()) throw new LinkProblem('expired', 'this code has expired; scan the new one on the kiosk');
    return link;
  }
}
