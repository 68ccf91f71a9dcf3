import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const OUTPUT_DIR = path.resolve(import.meta.dirname, '../output');

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
export async function launchChromium(): Promise<Browser> {
  await mkdir(OUTPUT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export const screenshotPath = (name: string) => path.join(OUTPUT_DIR, `${name}.png`);
