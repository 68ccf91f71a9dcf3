import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Keys the hub keeps in its data dir (mode 0600). Losing them makes stored personal data unreadable: back them up with the database. */
export interface HubSecrets {
  /** Signs member QR codes. */
  memberCodeKey: string;
  /** AES-256-GCM key for personal data at rest. */
  dataKey: string;
  /** HMAC key for lookups of phones and plates by keyed hash. */
  lookupKey: string;
}

export const secretsPath = (dataDir: string) => path.join(dataDir, 'secrets.json');

export async function loadOrCreateSecrets(dataDir: string): Promise<HubSecrets> {
  const file = secretsPath(dataDir);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as HubSecrets;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secrets: HubSecrets = {
    memberCodeKey: randomBytes(32).toString('base64'),
    dataKey: randomBytes(32).toString('base64'),
    lookupKey: randomBytes(32).toString('base64'),
  };
  await mkdir(dataDir, { recursive: true });
  // 'wx' fails if another process created it meanwhile, rather than overwriting its keys.
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
  return secrets;
}
