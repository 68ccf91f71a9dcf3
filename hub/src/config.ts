import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface HubConfig {
  /** HTTP + Socket.IO port; 0 picks a free one (tests). */
  port: number;
  host: string;
  /** External broker; when unset the hub runs its embedded broker on `mqttPort`. */
  mqttUrl: string | undefined;
  mqttPort: number;
  dataDir: string;
  mallId: string;
  adminPassword: string | undefined;
  demo: boolean;
  timezone: string;
  /** Base URL printed for people and put in QR codes (join link). */
  publicUrl: string | undefined;
  signageDist: string;
  kioskDist: string;
  secureCookies: boolean;
  /** Production SMS gateway for one-time codes; unset: codes go to the hub log (demo). */
  smsWebhookUrl: string | undefined;
  /** Run the periodic loyalty jobs (nightly, monthly tier review); tests run them by hand. */
  jobs: boolean;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_SIGNAGE_DIST = path.join(REPO_ROOT, 'signage', 'dist');
export const DEFAULT_KIOSK_DIST = path.join(REPO_ROOT, 'kiosk', 'dist');

export class ConfigError extends Error {}

function portFrom(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`${name}=${raw} is not a port number (0–65535)`);
  return port;
}

/** The one place the environment is read (README, "Configuration"). */
export function configFromEnv(env: NodeJS.ProcessEnv): HubConfig {
  const mallId = env.ATRIUM_MALL_ID || 'demo';
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(mallId)) throw new ConfigError(`ATRIUM_MALL_ID=${mallId} must be 1–32 letters, digits, "_" or "-" (it is part of every MQTT topic)`);
  return {
    port: portFrom('PORT', env.PORT, 8080),
    host: env.HOST || '0.0.0.0',
    mqttUrl: env.MQTT_URL || undefined,
    mqttPort: portFrom('MQTT_PORT', env.MQTT_PORT, 1883),
    dataDir: path.resolve(env.ATRIUM_DATA_DIR || './data'),
    mallId,
    adminPassword: env.ATRIUM_ADMIN_PASSWORD || undefined,
    demo: env.ATRIUM_DEMO !== '0',
    timezone: env.ATRIUM_TIMEZONE || env.TZ || 'Asia/Shanghai',
    publicUrl: env.ATRIUM_PUBLIC_URL || undefined,
    signageDist: DEFAULT_SIGNAGE_DIST,
    kioskDist: DEFAULT_KIOSK_DIST,
    smsWebhookUrl: env.ATRIUM_SMS_WEBHOOK_URL || undefined,
    secureCookies: env.ATRIUM_SECURE_COOKIES === '1',
    jobs: env.ATRIUM_JOBS !== '0',
  };
}
