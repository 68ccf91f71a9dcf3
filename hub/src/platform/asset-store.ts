import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Uploaded images and videos, stored once by their SHA-256 in the data dir:
 * uploading the same file twice keeps one copy, and players verify what they
 * cached against the same hash.
 */
export class AssetStore {
  constructor(readonly dir: string) {}

  async ensure(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  /** Moves an uploaded temporary file into the store; returns its hash and size. */
  async put(tmpPath: string): Promise<{ sha256: string; bytes: number }> {
    const hash = createHash('sha256');
    await new Promise<void>((resolve, reject) => {
      createReadStream(tmpPath)
        .on('data', (chunk) => hash.update(chunk))
        .on('end', () => resolve())
        .on('error', reject);
    });
    const sha256 = hash.digest('hex');
    const target = this.pathOf(sha256);
    const { size } = await stat(tmpPath);
    try {
      await stat(target);
      await rm(tmpPath, { force: true }); // already stored: keep one copy
    } catch {
      await rename(tmpPath, target);
    }
    return { sha256, bytes: size };
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
    return path.join(this.dir, sha256);
  }
}
