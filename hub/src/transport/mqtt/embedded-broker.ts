import net from 'node:net';
import { Aedes } from 'aedes';

/** The in-process MQTT broker used when no MQTT_URL is configured. */
export interface EmbeddedBroker {
  port: number;
  close(): Promise<void>;
}

export async function startEmbeddedBroker(port: number, host = '0.0.0.0'): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker();
  // noDelay: device messages are tiny; Nagle's algorithm would hold each answer back ~40 ms.
  const server = net.createServer({ noDelay: true }, broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        // Close the broker first: it ends client connections, which lets server.close finish.
        broker.close(() => server.close(() => resolve()));
      }),
  };
}
