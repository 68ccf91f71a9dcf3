import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub-harness.js';
import { TestScreen } from '../support/devices.js';

describe('the integration API', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ demo: false });
    await hub.api('POST', '/api/gates', { id: 'gate-a', name: 'Gate A' });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('answers health without a login', async () => {
    const res = await fetch(`${hub.baseUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok', mqtt: 'connected' });
  });

  it.each([
    ['POST', '/api/members'],
    ['GET', '/api/members/1'],
    ['GET', '/api/members/1/pass'],
    ['POST', '/api/screens'],
    ['GET', '/api/screens'],
    ['GET', '/api/rejected'],
  ])('%s %s needs a console login', async (method, route) => {
    const res = await fetch(`${hub.baseUrl}${route}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });

  it('refuses a wrong password and sets an httpOnly, SameSite=Strict cookie for the right one', async () => {
    const wrong = await fetch(`${hub.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'nope' }) });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${hub.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'test-admin-password' }) });
    expect(right.status).toBe(200);
    const cookie = right.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it('logging out ends the session', async () => {
    const login = await fetch(`${hub.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'test-admin-password' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await fetch(`${hub.baseUrl}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    await fetch(`${hub.baseUrl}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect((await fetch(`${hub.baseUrl}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('registers a member and answers with phone and plates masked', async () => {
    const res = await hub.api('POST', '/api/members', { phone: '+86 139 1234 5678', name: '李娜', birthday: '1990-05-17', plates: ['沪A·8888Q'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ phone: '139****5678', name: '李*', tier: 'member', points: 0, plates: ['沪A·***8Q'], birthday: '1990-05-17' });
    expect(JSON.stringify(res.body)).not.toContain('12345678');
  });

  it.each([
    [{ phone: '12345' }, /phone: must be a mainland mobile number/],
    [{}, /phone/],
    [{ phone: '13912340000', birthday: '17/05/1990' }, /birthday: must be a date/],
    [{ phone: '13912340001', plates: ['not a plate'] }, /plate: must be a Chinese plate/],
    [{ phone: 13912340002 }, /phone/],
  ])('rejects %o with 400 saying which field and why', async (body, message) => {
    const res = await hub.api<{ error: { code: string; message: string } }>('POST', '/api/members', body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('refuses a second member with the same phone, and a plate that belongs to someone else', async () => {
    await hub.api('POST', '/api/members', { phone: '13500000001', plates: ['苏E12345'] });
    expect((await hub.api('POST', '/api/members', { phone: '135 0000 0001' })).status).toBe(409);
    const other = await hub.api<{ id: number }>('POST', '/api/members', { phone: '13500000002' });
    const steal = await hub.api<{ error: { message: string } }>('POST', `/api/members/${other.body.id}/plates`, { plate: '苏E·12345' });
    expect(steal.status).toBe(409);
    expect(steal.body.error.message).toMatch(/another member/);
  });

  it('adds a plate to a member and 404s an unknown member', async () => {
    const m = await hub.api<{ id: number }>('POST', '/api/members', { phone: '13500000003' });
    const added = await hub.api<{ plates: string[] }>('POST', `/api/members/${m.body.id}/plates`, { plate: '粤BD12345' });
    expect(added.status).toBe(201);
    expect(added.body.plates).toEqual(['粤B·***45']);
    expect((await hub.api('GET', '/api/members/99999')).status).toBe(404);
    expect((await hub.api('GET', '/api/members/abc')).status).toBe(400);
  });

  it('gives a member pass code that names the member by id only', async () => {
    const m = await hub.api<{ id: number }>('POST', '/api/members', { phone: '13500000004' });
    const pass = await hub.api<{ code: string; expiresAt: string }>('GET', `/api/members/${m.body.id}/pass`);
    expect(pass.status).toBe(200);
    expect(pass.body.code).toMatch(new RegExp(`^ATM1\\.${m.body.id.toString(36)}\\.`));
    expect(pass.body.code).not.toContain('13500000004');
  });

  it('registers a screen, shows its token once, and the token lets the screen in', async () => {
    const res = await hub.api<{ id: string; token: string }>('POST', '/api/screens', { id: 'barrier-a', name: 'Barrier A', kind: 'barrier', gateId: 'gate-a' });
    expect(res.status).toBe(201);
    expect(res.body.token).toHaveLength(32);
    const list = await hub.api<Array<Record<string, unknown>>>('GET', '/api/screens');
    expect(JSON.stringify(list.body)).not.toContain(res.body.token);
    const screen = await TestScreen.connect(hub.baseUrl, 'barrier-a', res.body.token);
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.schedule?.screen).toMatchObject({ id: 'barrier-a', kind: 'barrier' });
    const online = await hub.api<Array<{ id: string; online: boolean }>>('GET', '/api/screens');
    expect(online.body.find((s) => s.id === 'barrier-a')?.online).toBe(true);
    screen.close();
  });

  it.each([
    [{ id: 'b-1', name: 'B', kind: 'barrier' }, /gateId: a barrier display needs the gate/],
    [{ id: 'has space', name: 'B', kind: 'floor' }, /id: must be 1–64 letters/],
    [{ id: 'f-1', name: 'F', kind: 'wall' }, /kind: must be "floor" or "barrier"/],
    [{ id: 'b-2', name: 'B', kind: 'barrier', gateId: 'nowhere' }, /gateId: unknown gate/],
  ])('refuses screen %o with a reason', async (body, message) => {
    const res = await hub.api<{ error: { message: string } }>('POST', '/api/screens', body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers a body that is not JSON with 400 and an unknown route with 404, without stack traces', async () => {
    const login = await fetch(`${hub.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' });
    expect(login.status).toBe(400);
    const text = await login.text();
    expect(text).not.toMatch(/at .*\.js/);
    expect((await fetch(`${hub.baseUrl}/api/nothing`)).status).toBe(404);
  });
});
