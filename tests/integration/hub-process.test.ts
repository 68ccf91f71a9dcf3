import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../hub/src/db/database.js';
import { DEMO_MEMBER_COUNT } from '../../hub/src/demo/demo-data.js';
import { freePort } from '../support/mosquitto.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Runs the hub exactly as `npm start` does (minus the build), as a child process. */
function runHub(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'hub/src/main.ts'], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const printed = async (pattern: RegExp, ms = 20_000) => {
    const deadline = Date.now() + ms;
    while (!pattern.test(output)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`hub did not print ${pattern}:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, exited, printed, output: () => output };
}

describe('the hub process', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'atrium-proc-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints the screen URLs with tokens and a generated admin password on first start, and stops cleanly on SIGTERM', async () => {
    const [port, mqttPort] = [await freePort(), await freePort()];
    const hub = runHub({ PORT: String(port), MQTT_PORT: String(mqttPort), ATRIUM_DATA_DIR: dataDir });
    await hub.printed(/Console login: admin \/ \S+/);
    expect(hub.output()).toMatch(new RegExp(`Barrier display: http://localhost:${port}/screen\\?device=barrier-north&token=\\S+`));
    expect(hub.output()).toMatch(/Floor screen\s*: http:\/\/localhost:\d+\/screen\?device=floor-l1-atrium&token=\S+/);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', db: 'ok', mqtt: 'connected' });
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
  });

  it('on the next start keeps its data: no new password and no second demo seed', async () => {
    const [port, mqttPort] = [await freePort(), await freePort()];
    const hub = runHub({ PORT: String(port), MQTT_PORT: String(mqttPort), ATRIUM_DATA_DIR: dataDir });
    await hub.printed(/Console login: admin \(password set on first start\)/);
    hub.child.kill('SIGINT');
    expect(await hub.exited).toBe(0);
    const db = await Database.open(path.join(dataDir, 'atrium.sqlite'));
    expect(await db.get('SELECT COUNT(*) AS n FROM members')).toEqual({ n: DEMO_MEMBER_COUNT });
    expect(await db.get('SELECT COUNT(*) AS n FROM staff_users')).toEqual({ n: 1 });
    await db.close();
  });

  it('says which port is taken and how to change it, and exits non-zero without creating an admin it cannot show', async () => {
    const fresh = await mkdtemp(path.join(os.tmpdir(), 'atrium-proc-'));
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      const hub = runHub({ PORT: String(taken), MQTT_PORT: String(await freePort()), ATRIUM_DATA_DIR: dataDir });
      expect(await hub.exited).toBe(1);
      expect(hub.output()).toContain(`Port ${taken} is already in use`);
      expect(hub.output()).toContain('PORT=<port>');

      const hub2 = runHub({ PORT: String(await freePort()), MQTT_PORT: String(taken), ATRIUM_DATA_DIR: fresh });
      expect(await hub2.exited).toBe(1);
      expect(hub2.output()).toContain('MQTT_PORT=<port>');
      const db = await Database.open(path.join(fresh, 'atrium.sqlite'));
      expect(await db.get('SELECT COUNT(*) AS n FROM staff_users')).toEqual({ n: 0 });
      await db.close();
    } finally {
      blocker.close();
      await rm(fresh, { recursive: true, force: true });
    }
  });
});
