import { decodeMemberCode, encodeMemberCode, MEMBER_CODE_TTL_SECONDS, type MemberCodeCheck } from '@atrium/shared';
import type { Clock } from '../platform/clock.js';
import type { Vault } from '../platform/vault.js';

/** Issues and checks the signed, short-lived text of member QR codes. */
export class MemberCodeService {
  constructor(private readonly deps: { vault: Vault; clock: Clock }) {}

  issue(memberId: number): { code: string; expiresAt: string } {
    const expiresAt = new Date(this.deps.clock.now().getTime() + MEMBER_CODE_TTL_SECONDS * 1000);
    return { code: encodeMemberCode(memberId, expiresAt, this.deps.vault.memberCodeMac), expiresAt: expiresAt.toISOString() };
  }

  check(text: string): MemberCodeCheck {
    return decodeMemberCode(text, this.deps.clock.now(), this.deps.vault.memberCodeMac);
  }
}

export const memberCodeProblem: Record<Exclude<MemberCodeCheck, { ok: true }>['reason'], string> = {
  malformed: 'memberCode is not an Atrium member code',
  forged: 'memberCode signature is not valid',
  expired: 'memberCode has expired; ask the member to refresh their pass',
};
