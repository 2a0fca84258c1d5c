import net from 'node:net';
import tls from 'node:tls';
import type { MllpTls } from '../config.js';
import { frame, MllpDecoder } from './framing.js';

/**
 * A TCP (or TLS) server speaking MLLP: it reads framed messages from any number of connections, hands
 * each to `handle`, and writes back the acknowledgement `handle` returns. On one connection messages are
 * handled one at a time and acknowledged in the order they came (senders wait for each ACK, and a
 * re-sent message must not overtake the first); connections run side by side.
 */
export interface MllpServerOptions {
  readonly port: number;
  readonly host?: string;
  readonly tls?: MllpTls | undefined;
  /** One message's bytes in, its acknowledgement's bytes out. Must not throw. */
  readonly handle: (message: Buffer) => Promise<Buffer>;
  /** Largest message accepted (default 4 MiB); a larger one closes the connection. */
  readonly maxMessageBytes?: number;
  /** An idle connection is closed after this long (default 10 minutes). */
  readonly idleTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

export interface MllpServer {
  /** The port listened on (the one chosen by the system when asked for port 0). */
  readonly port: number;
  /** Stops accepting, lets every connection finish the message in hand, then closes them. */
  readonly close: () => Promise<void>;
}

/** Messages queued on one connection before it stops reading from the socket (back pressure). */
const QUEUE_LIMIT = 64;

export async function startMllpServer(options: MllpServerOptions): Promise<MllpServer> {
  const log = options.log ?? (() => {});
  const open = new Map<net.Socket, () => Promise<void>>();

  const serve = (socket: net.Socket) => {
    const decoder = new MllpDecoder(options.maxMessageBytes ?? 4 * 1024 * 1024);
    let queue: Promise<void> = Promise.resolve();
    let queued = 0;
    socket.setTimeout(options.idleTimeoutMs ?? 600_000, () => socket.end());
    socket.on('error', (error) => log(`mllp: ${socket.remoteAddress ?? '?'}: ${error.message}`));
    socket.on('close', () => open.delete(socket));
    open.set(socket, () => queue);
    socket.on('data', (chunk: Buffer) => {
      const { frames, overflow } = decoder.push(chunk);
      for (const message of frames) {
        queued++;
        if (queued >= QUEUE_LIMIT) socket.pause();
        queue = queue.then(async () => {
          try {
            const ack = await options.handle(message);
            if (!socket.destroyed) socket.write(frame(ack));
          } catch (error) {
            // No acknowledgement at all: the sender times out and sends again, which is what we want
            // when we cannot say what happened to the message.
            log(`mllp: ${(error as Error).message}; connection closed without an acknowledgement`);
            socket.destroy();
          }
          queued--;
          if (queued < QUEUE_LIMIT && socket.isPaused()) socket.resume();
        });
      }
      if (overflow) {
        log(`mllp: ${socket.remoteAddress ?? '?'}: message over the size limit, connection closed`);
        void queue.then(() => socket.destroy());
      }
    });
  };

  const server = options.tls
    ? tls.createServer(
        {
          cert: options.tls.cert,
          key: options.tls.key,
          ...(options.tls.ca ? { ca: options.tls.ca, requestCert: true, rejectUnauthorized: true } : {}),
        },
        serve,
      )
    : net.createServer(serve);
  server.on('tlsClientError', (error: Error) => log(`mllp: TLS: ${error.message}`));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  return {
    port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(
        [...open].map(async ([socket, drained]) => {
          await drained();
          socket.end();
          socket.destroySoon();
        }),
      );
      await closed;
    },
  };
}
