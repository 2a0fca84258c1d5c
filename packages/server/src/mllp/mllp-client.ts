import net from 'node:net';
import tls from 'node:tls';
import { decodeHl7 } from './charset.js';
import { frame, MllpDecoder } from './framing.js';

/**
 * A small MLLP sender, for tests and for trying an endpoint by hand: writes framed messages (optionally in
 * pieces) and collects the acknowledgements, read in the character set their MSH-18 names.
 */
export interface MllpClient {
  /** Writes raw bytes as they are (to send a frame in pieces, or noise). */
  readonly write: (bytes: Buffer) => Promise<void>;
  /** Sends one message, framed, and waits for the next acknowledgement. */
  readonly send: (message: string | Buffer) => Promise<string>;
  /** The next `count` acknowledgements, in order. */
  readonly acks: (count: number, timeoutMs?: number) => Promise<string[]>;
  /** The next `count` acknowledgements as the bytes that came. */
  readonly rawAcks: (count: number, timeoutMs?: number) => Promise<Buffer[]>;
  readonly close: () => void;
}

export async function connectMllp(
  port: number,
  options: { host?: string; tls?: tls.ConnectionOptions } = {},
): Promise<MllpClient> {
  const host = options.host ?? '127.0.0.1';
  const socket = await new Promise<net.Socket>((resolve, reject) => {
    const s = options.tls
      ? tls.connect({ ...options.tls, host, port }, () => resolve(s))
      : net.connect({ host, port }, () => resolve(s));
    s.once('error', reject);
  });
  const decoder = new MllpDecoder(16 * 1024 * 1024);
  const received: Buffer[] = [];
  let wake: (() => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    for (const f of decoder.push(chunk).frames) received.push(Buffer.from(f));
    wake?.();
  });
  socket.on('close', () => wake?.());

  const write = (bytes: Buffer) =>
    new Promise<void>((resolve, reject) => socket.write(bytes, (e) => (e ? reject(e) : resolve())));

  const rawAcks = async (count: number, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (received.length < count) {
      if (socket.destroyed) throw new Error(`connection closed after ${received.length} of ${count} ACKs`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${received.length} of ${count} ACKs`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return received.splice(0, count);
  };
  const acks = async (count: number, timeoutMs?: number) =>
    (await rawAcks(count, timeoutMs)).map((bytes) => decodeHl7(bytes));

  return {
    write,
    send: async (message) => {
      await write(frame(message));
      const [ack] = await acks(1);
      return ack as string;
    },
    acks,
    rawAcks,
    close: () => socket.destroy(),
  };
}
