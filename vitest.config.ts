import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Integration and browser tests start real hubs, brokers and Chromium: give them room,
    // and run files one or two at a time on this 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    // Browser and broker effects arrive asynchronously; on a loaded 2-core machine give them time
    // (this waits for behaviour, it never asserts on how long it took).
    expect: { poll: { timeout: 10_000, interval: 50 } },
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
