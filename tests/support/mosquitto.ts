import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningMosquitto {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts a real Mosquitto on a free loopback port. The queue limits are raised:
 * Mosquitto's default max_queued_messages of 1000 silently drops QoS 1 messages
 * to a slow subscriber (DESIGN §6).
 */
export async function startMosquitto(opts: { port?: number } = {}): Promise<RunningMosquitto> {
  const port = opts.port ?? (await freePort());
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atrium-mosquitto-'));
  const conf = path.join(dir, 'mosquitto.conf');
  await writeFile(
    conf,
    [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'max_queued_messages 1000000', 'max_queued_bytes 0', 'set_tcp_nodelay true', 'persistence false', 'log_dest stderr', 'log_type error'].join('\n') + '\n',
  );
  const binary = process.env.MOSQUITTO_BIN ?? (await findMosquitto());
  const child: ChildProcess = spawn(binary, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  await waitForPort(port, child, () => stderr);
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function findMosquitto(): Promise<string> {
  for (const candidate of ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto']) {
    try {
      await import('node:fs/promises').then((fs) => fs.access(candidate));
      return candidate;
    } catch {
      /* try the next place */
    }
  }
  throw new Error('mosquitto is not installed: apt-get install -y mosquitto (.ci/run does this)');
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited: ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`mosquitto did not open port ${port}: ${log()}`);
}
