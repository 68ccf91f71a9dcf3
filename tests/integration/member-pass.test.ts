import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberHome, MemberPassView } from '@atrium/shared';
import { readDemoTokens } from '../../hub/src/demo/seed.js';
import { startTestHub, type TestHub } from '../support/hub-harness.js';
import { TestKiosk } from '../support/devices.js';

/** A phone's browser: a cookie jar over fetch. */
class Phone {
  /** The session cookie as the browser would keep it. */
  cookie = '';
  constructor(private readonly baseUrl: string) {}

  async call<T>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseUrl}${route}`, {
      method,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
}

describe('the member pass API', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.stop();
  });

  async function loggedIn(phoneNumber: string, join = true): Promise<Phone> {
    const phone = new Phone(hub.baseUrl);
    expect((await phone.call('POST', '/api/pass/otp', { phone: phoneNumber })).status).toBe(200);
    const login = await phone.call<MemberPassView>('POST', '/api/pass/login', { phone: phoneNumber, otp: hub.otpFor(phoneNumber), ...(join ? { join: { consent: true } } : {}) });
    expect(login.status).toBe(200);
    return phone;
  }

  it('a number that is not a member is asked to accept the privacy notice, then joins with the same code', async () => {
    const phone = new Phone(hub.baseUrl);
    await phone.call('POST', '/api/pass/otp', { phone: '19966601111' });
    const code = hub.otpFor('19966601111');
    const first = await phone.call<{ error: { code: string } }>('POST', '/api/pass/login', { phone: '19966601111', otp: code });
    expect(first.status).toBe(404);
    expect(first.body.error.code).toBe('not_a_member');
    const joined = await phone.call<MemberPassView>('POST', '/api/pass/login', { phone: '19966601111', otp: code, join: { consent: true, plate: '鄂A12345' } });
    expect(joined.status).toBe(200);
    expect(joined.body.member.phone).toBe('199****1111');
    expect(joined.body.plates.map((p) => p.plate)).toEqual(['鄂A·***45']);
    expect(joined.body.consents.privacy).toEqual(expect.any(String));
    const me = await phone.call<MemberPassView>('GET', '/api/pass/me');
    expect(me.body.member.id).toBe(joined.body.member.id);
  });

  it('refuses a wrong code, and stops accepting the right one after five wrong tries', async () => {
    const phone = new Phone(hub.baseUrl);
    await phone.call('POST', '/api/pass/otp', { phone: '19966602222' });
    for (let i = 0; i < 5; i++) {
      const wrong = await phone.call<{ error: { code: string } }>('POST', '/api/pass/login', { phone: '19966602222', otp: '999999', join: { consent: true } });
      expect(wrong.status).toBe(401);
    }
    const right = await phone.call('POST', '/api/pass/login', { phone: '19966602222', otp: hub.otpFor('19966602222'), join: { consent: true } });
    expect(right.status).toBe(401);
  });

  it('shows the member\'s own QR code, which a till or kiosk accepts', async () => {
    const phone = await loggedIn('19966603333');
    const code = await phone.call<{ code: string; expiresAt: string; qrDataUrl: string }>('GET', '/api/pass/code');
    expect(code.body.code).toMatch(/^ATM1\./);
    expect(code.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(hub.started.services.memberCodes.check(code.body.code).ok).toBe(true);
  });

  it('adds and removes plates by an opaque id, and records consents and privacy requests', async () => {
    const phone = await loggedIn('19966604444');
    const added = await phone.call<MemberPassView>('POST', '/api/pass/plates', { plate: '湘B·66666' });
    expect(added.status).toBe(201);
    const plate = added.body.plates[0]!;
    expect(plate).toEqual({ id: expect.any(String), plate: '湘B·***66' });
    expect(plate.id).not.toContain('66666');
    const removed = await phone.call<MemberPassView>('DELETE', `/api/pass/plates/${plate.id}`);
    expect(removed.body.plates).toEqual([]);

    const consent = await phone.call<MemberPassView>('PUT', '/api/pass/consents', { marketing: true });
    expect(consent.body.consents.marketing).toBe(true);
    const request = await phone.call<{ status: string }>('POST', '/api/pass/privacy-requests', { kind: 'export' });
    expect(request).toMatchObject({ status: 201, body: { status: 'received' } });
    const me = await phone.call<MemberPassView>('GET', '/api/pass/me');
    expect(me.body.privacyRequests).toEqual([{ kind: 'export', status: 'received', createdAt: expect.any(String) }]);
  });

  it('logging out revokes the session on the hub, not only in the browser', async () => {
    const phone = await loggedIn('19966605555');
    const stolen = phone.cookie;
    await phone.call('POST', '/api/pass/logout');
    const replay = await fetch(`${hub.baseUrl}/api/pass/me`, { headers: { cookie: stolen } });
    expect(replay.status).toBe(401);
  });

  it('opens the member\'s session on the kiosk whose code the phone confirmed; the code works once', async () => {
    const tokens = await readDemoTokens(hub.dataDir);
    const kiosk = await TestKiosk.connect(hub.baseUrl, 'kiosk-b1', tokens['kiosk-b1']!);
    try {
      const link = (await kiosk.call('link:create', {})) as { ok: true; data: { url: string; qrDataUrl: string } };
      expect(link.data.url).toMatch(/\/m\/link\?code=/);
      const code = new URL(link.data.url).searchParams.get('code')!;
      const phone = await loggedIn('19966606666');
      const peek = await phone.call<{ kioskName: string }>('GET', `/api/pass/link/${code}`);
      expect(peek.body.kioskName).toMatch(/B1/);
      const opened = kiosk.next('session:opened');
      expect((await phone.call('POST', `/api/pass/link/${code}/confirm`)).status).toBe(200);
      const home = (await opened) as MemberHome;
      expect(home.member.phone).toBe('199****6666');
      const again = await phone.call<{ error: { code: string } }>('POST', `/api/pass/link/${code}/confirm`);
      expect(again.status).toBe(410);
      expect(again.body.error.code).toBe('used');
      // The session is really open on that kiosk.
      const checkin = (await kiosk.call('checkin:create', { requestId: 'link-checkin-1' })) as { ok: boolean };
      expect(checkin.ok).toBe(true);
    } finally {
      kiosk.close();
    }
  });

  it('needs a login for everything but asking for a code', async () => {
    for (const [method, route] of [['GET', '/api/pass/me'], ['GET', '/api/pass/code'], ['POST', '/api/pass/plates'], ['GET', '/api/pass/link/abc']] as const) {
      const res = await fetch(`${hub.baseUrl}${route}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{"plate":"x"}' : undefined });
      expect(res.status, `${method} ${route}`).toBe(401);
    }
  });
});
