import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { verifyPassword } from '../access/password.js';

/** `shaobing user create` from the outside: the built CLI, the password on standard input. */

const bin = fileURLToPath(new URL('../../bin/shaobing.js', import.meta.url));
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

function shaobing(stdin: string | undefined, ...args: string[]) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, LANG: 'C', DATABASE_URL: db.url, SHAOBING_SCRYPT_COST: '10' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    if (stdin !== undefined) child.stdin.end(stdin);
    else child.stdin.end();
  });
}

describe(`shaobing user create on ${inject('databaseKind')}`, () => {
  test('the first administrator, password from standard input, nothing secret printed, audited', async () => {
    const run = await shaobing(
      'a very long password\n',
      'user',
      'create',
      '--role',
      'admin',
      '--username',
      'first.admin',
      '--password-stdin',
    );
    expect(run.stderr).not.toContain('a very long password');
    expect(run.stdout).toBe('created user first.admin (admin, jurisdiction 4201)\n');
    expect(run.status).toBe(0);
    const row = await db.pool.query<{ role: string; password_hash: string }>(
      "SELECT role, password_hash FROM app_user WHERE username = 'first.admin'",
    );
    expect(row.rows[0]?.role).toBe('admin');
    expect(await verifyPassword('a very long password', row.rows[0]?.password_hash ?? '')).toBe(true);
    const audit = await db.pool.query(
      "SELECT actor_username, action FROM audit_entry WHERE action = 'user.create'",
    );
    expect(audit.rows).toEqual([{ actor_username: 'cli', action: 'user.create' }]);
  });

  test.each([
    [
      ['user', 'create', '--role', 'king', '--username', 'x', '--password-stdin'],
      'long password',
      '--role must be one of',
    ],
    [
      ['user', 'create', '--role', 'admin', '--username', 'Bad Name', '--password-stdin'],
      'long password',
      '--username',
    ],
    [
      ['user', 'create', '--role', 'admin', '--username', 'short.pw', '--password-stdin'],
      'short',
      '10 to 200 characters',
    ],
    [['user', 'create', '--role', 'admin', '--username', 'no.tty'], undefined, 'pass --password-stdin'],
    [
      ['user', 'create', '--role', 'admin', '--username', 'first.admin', '--password-stdin'],
      'a very long password',
      'taken',
    ],
  ])('usage errors exit 2: %j', async (args, stdin, message) => {
    const run = await shaobing(stdin, ...args);
    expect(run.stderr).toContain(message);
    expect(run.status).toBe(2);
  });
});
