import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { configFromEnv, type HubConfig } from '../../hub/src/config.js';
import { createHub, type StartedHub } from '../../hub/src/hub.js';
import type { Clock } from '../../hub/src/platform/clock.js';
import { Writable } from 'node:stream';
import pino from 'pino';
import { maskPhone } from '@atrium/shared';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-11-25T10:00:00+08:00')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestHub {
  started: StartedHub;
  config: HubConfig;
  clock: Clock;
  baseUrl: string;
  mqttUrl: string;
  dataDir: string;
  /** Logged-in staff fetch: JSON in, `{status, body}` out. */
  api<T = unknown>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(opts?: { keepData?: boolean }): Promise<void>;
  /** The hub's JSON log lines, kept in memory (the demo SMS sender writes one-time codes here). */
  logLines: string[];
  /** The latest one-time code the hub logged for this phone (looked up by its masked form, as logged). */
  otpFor(phone: string): string;
}

export const ADMIN_PASSWORD = 'test-admin-password';

/**
 * Starts the real hub on free ports with a temporary data dir: the same
 * `createHub` that `npm start` runs, with a real SQLite file and a real broker
 * (embedded aedes unless `mqttUrl` names an external one).
 */
export async function startTestHub(opts: { mqttUrl?: string; demo?: boolean; clock?: Clock; dataDir?: string; port?: number } = {}): Promise<TestHub> {
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'atrium-test-')));
  const config: HubConfig = {
    ...configFromEnv({}),
    port: opts.port ?? 0,
    host: '127.0.0.1',
    mqttPort: 0,
    mqttUrl: opts.mqttUrl,
    dataDir,
    adminPassword: ADMIN_PASSWORD,
    demo: opts.demo ?? true,
    jobs: false,
  };
  const clock = opts.clock ?? { now: () => new Date() };
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line) logLines.push(line);
      if (process.env.TEST_LOG_LEVEL) process.stderr.write(chunk);
      done();
    },
  });
  const logger = pino({ level: 'info', base: { app: 'atrium-hub' } }, sink);
  const hub = createHub({ config, clock, logger });
  const started = await hub.start();
  const baseUrl = `http://127.0.0.1:${started.httpPort}`;

  let cookie = '';
  async function login(): Promise<void> {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  }

  return {
    started,
    config,
    clock,
    baseUrl,
    mqttUrl: started.mqttUrl,
    dataDir,
    async api<T>(method: string, route: string, body?: unknown) {
      const send = () =>
        fetch(`${baseUrl}${route}`, {
          method,
          headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      if (!cookie) await login();
      let res = await send();
      // Tests that move the clock by days outlive the 12-hour staff session: log in again.
      if (res.status === 401) {
        await login();
        res = await send();
      }
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    logLines,
    otpFor(phone: string) {
      const masked = maskPhone(phone);
      for (let i = logLines.length - 1; i >= 0; i--) {
        const entry = JSON.parse(logLines[i]!) as { to?: string; oneTimeCode?: string };
        if (entry.to === masked && entry.oneTimeCode) return entry.oneTimeCode;
      }
      throw new Error(`no one-time code logged for ${masked}`);
    },
    async stop({ keepData = false } = {}) {
      await hub.stop();
      if (!keepData && !opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
