/**
 * Composition root: reads the environment, builds the real adapters, starts the
 * hub and prints what a person needs to open the screens and the console.
 */
import { configFromEnv, ConfigError } from './config.js';
import { readDemoTokens } from './demo/seed.js';
import { DEMO_SCREENS } from './demo/demo-data.js';
import { createHub, PortInUseError } from './hub.js';
import { systemClock } from './platform/clock.js';
import { createLogger } from './platform/logger.js';

async function main(): Promise<void> {
  const logger = createLogger();
  let config;
  try {
    config = configFromEnv(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Atrium: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }

  const hub = createHub({ config, clock: systemClock, logger });
  let started;
  try {
    started = await hub.start();
  } catch (err) {
    if (err instanceof PortInUseError) {
      console.error(`Atrium: ${err.message}`);
      process.exit(1);
    }
    console.error(`Atrium failed to start: ${(err as Error).message}`);
    process.exit(1);
  }

  const base = started.baseUrl;
  const lines = ['', `Atrium hub is running (mall "${config.mallId}", data in ${config.dataDir})`, `  Health:       ${base}/api/health`, `  MQTT broker:  ${started.mqttUrl}${config.mqttUrl ? ' (external)' : ' (embedded)'}`];
  if (config.demo) {
    const tokens = await readDemoTokens(config.dataDir);
    for (const screen of DEMO_SCREENS.filter((s) => s.id === 'barrier-north' || s.id === 'floor-l1-atrium')) {
      const token = tokens[screen.id];
      if (token) lines.push(`  ${screen.kind === 'barrier' ? 'Barrier display' : 'Floor screen   '}: ${base}/screen?device=${screen.id}&token=${token}`);
    }
    const kioskToken = tokens['kiosk-atrium'];
    if (kioskToken) lines.push(`  Kiosk          : ${base}/kiosk?device=kiosk-atrium&token=${kioskToken}`);
    lines.push(`  Member pass    : ${base}/m   (one-time codes appear in this log)`);
    lines.push('  Simulate tills and gates: npm run simulate   (in a second terminal)');
  }
  if (started.generatedAdminPassword) {
    lines.push(`  Console login: admin / ${started.generatedAdminPassword}   (shown once; set ATRIUM_ADMIN_PASSWORD to choose it)`);
  } else {
    lines.push('  Console login: admin (password set on first start)');
  }
  console.log(lines.join('\n') + '\n');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    hub.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
