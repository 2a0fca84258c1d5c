import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { withAudit } from '../access/audit/audit-log.js';
import { hashPassword } from '../access/password.js';
import { isRole, ROLES } from '../access/roles.js';
import { passwordSchema } from '../access/users-api.js';
import { checkReferences, insertUser } from '../access/users-store.js';
import { usernameSchema } from '../access/user-view.js';
import { loadCity } from '../city/load-city.js';
import { cityFolder } from '../city/read-city.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { DataDirectoryInUse } from '../db/embedded-server.js';
import { ApiError } from '../http/api-error.js';
import { translate } from '../i18n/messages.js';
import { UsageError } from './usage-error.js';

export const userHelp = `Usage: shaobing user create --role ROLE --username NAME [--jurisdiction CODE] [--facility ID] [--password-stdin]

Creates a user in the platform's database (SHAOBING_DATA or DATABASE_URL), e.g. the first administrator:
  shaobing user create --role admin --username li.wei
The password is asked for on the terminal (not echoed), or read from standard input with --password-stdin
(one line; at least 10 characters). Nothing secret is printed. Later users are managed through the API
(POST /api/v1/users) by an administrator.

  --role R           one of: ${ROLES.join(', ')}
  --jurisdiction C   the place code the user sees (default: the whole city)
  --facility ID      facility reporters: the one facility they report for
`;

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += (chunk as Buffer).toString('utf8');
  return text.split(/\r?\n/)[0] ?? '';
}

/** Asks twice on the terminal without echoing what is typed. */
async function prompt(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const ask = (q: string) =>
      new Promise<string>((resolve) => {
        muted = false;
        rl.question(q, (answer) => resolve(answer));
        muted = true;
      });
    const first = await ask(question);
    process.stderr.write('\n');
    const again = await ask('Again: ');
    process.stderr.write('\n');
    if (first !== again) throw new UsageError('the two passwords differ');
    return first;
  } finally {
    rl.close();
  }
}

export async function runUser(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        username: { type: 'string' },
        jurisdiction: { type: 'string' },
        facility: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals[0] !== 'create' || positionals.length !== 1)
    throw new UsageError(`expected: user create …\n\n${userHelp}`);
  const role = values.role ?? '';
  if (!isRole(role)) throw new UsageError(`--role must be one of: ${ROLES.join(', ')}`);
  const username = usernameSchema.safeParse(values.username ?? '');
  if (!username.success) throw new UsageError('--username: lower-case letters, digits, . _ - (at most 64)');
  if (values.jurisdiction !== undefined && !/^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/.test(values.jurisdiction)) {
    throw new UsageError('--jurisdiction must be a place code (4, 6, 9 or 12 digits)');
  }
  if (role === 'facility_reporter' && values.facility === undefined) {
    throw new UsageError('a facility_reporter needs --facility ID');
  }
  if (!values['password-stdin'] && !process.stdin.isTTY) {
    throw new UsageError('no terminal to ask for the password: pass --password-stdin');
  }
  const password = values['password-stdin']
    ? await readStdin()
    : await prompt(`Password for ${username.data}: `);
  const checked = passwordSchema.safeParse(password);
  if (!checked.success) throw new UsageError('the password must have 10 to 200 characters');

  const loaded = loadConfig();
  if (!loaded.ok) throw new UsageError(`configuration: ${loaded.message}`);
  const { config } = loaded;
  let db;
  try {
    db = await openDatabase(config, (line) => process.stderr.write(`${line}\n`));
  } catch (error) {
    if (error instanceof DataDirectoryInUse) {
      throw new UsageError(`${error.message}: stop the platform first, or create users through the API`);
    }
    throw error;
  }
  try {
    await loadCity(db.pool, cityFolder(config.city));
    const city = await db.pool.query<{ code: string }>('SELECT code FROM city WHERE id = $1', [config.city]);
    const jurisdiction = values.jurisdiction ?? city.rows[0]?.code;
    if (jurisdiction === undefined)
      throw new UsageError(`the city ${config.city} is not loaded: pass --jurisdiction`);
    await checkReferences(db.pool, { jurisdiction, facilityId: values.facility });
    const hash = await hashPassword(password, config.access.scryptCost);
    const user = await withAudit(db.pool, { system: 'cli' }, Date.now(), async (client) => {
      const created = await insertUser(client, {
        username: username.data,
        role,
        jurisdiction,
        facilityId: values.facility,
        passwordHash: hash,
      });
      return {
        result: created,
        audit: [
          {
            action: 'user.create',
            target: `user/${created.id}`,
            detail: { username: created.username, role: created.role, jurisdiction: created.jurisdiction },
          },
        ],
      };
    });
    process.stdout.write(`created user ${user.username} (${user.role}, jurisdiction ${user.jurisdiction})\n`);
    return 0;
  } catch (error) {
    if (error instanceof ApiError) {
      const detail = error.issues.map((i) => `${i.field}: ${i.reason}`).join('; ');
      throw new UsageError(detail || translate(error.messageKey, 'en', error.params));
    }
    throw error;
  } finally {
    await db.close();
  }
}
