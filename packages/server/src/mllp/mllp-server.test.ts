import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { insertFixtureCity } from '../ingest/testing/fixture-city.js';
import { frame } from './framing.js';
import { startHl7Listener } from './hl7-listener.js';
import { connectMllp } from './mllp-client.js';
import type { MllpSettings } from '../config.js';
import type { MllpServer } from './mllp-server.js';

/** End to end: real sockets to the HL7 listener on a free port, a test database behind it. */

const sample = (name: string) =>
  readFileSync(new URL(`../ingest/hl7/samples/${name}.hl7`, import.meta.url), 'utf8').replace(/\n/g, '\r');

const segment = (ack: string, name: string) =>
  ack
    .split('\r')
    .filter((s) => s.startsWith(`${name}|`))
    .map((s) => s.split('|'));

const msa = (ack: string) => segment(ack, 'MSA')[0] ?? [];
const errs = (ack: string) => segment(ack, 'ERR');

const settings: MllpSettings = { allow: undefined, tls: undefined, language: 'en' };

let db: TestDatabase;
let server: MllpServer;
beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
  server = await startHl7Listener({ port: 0, host: '127.0.0.1', settings, pool: db.pool, log: () => {} });
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

const stored = async (key: string) =>
  (
    await db.pool.query<{ version: number; source: string; chief_complaint: string; signals: string[] }>(
      'SELECT version, source, chief_complaint, signals FROM visit_record WHERE record_key = $1',
      [key],
    )
  ).rows[0];

describe('HL7 over MLLP', () => {
  test('an A04 is acknowledged AA after its visit is stored', async () => {
    const client = await connectMllp(server.port);
    const ack = await client.send(sample('a04-fever-clinic'));
    client.close();
    expect(msa(ack).slice(0, 3)).toEqual(['MSA', 'AA', 'MSG0001']);
    expect(ack.startsWith('MSH|^~\\&|SHAOBING|SHAOBING|HIS^2.16.840.1.113883.3.9999^ISO|FX-FC1^')).toBe(true);
    expect(ack).toContain('|ACK^A04^ACK|');
    expect(await stored('FX-FC1/V20240105-0007')).toMatchObject({
      version: 1,
      source: 'hl7',
      chief_complaint: '发热2天，伴咳嗽、流涕',
      signals: expect.arrayContaining(['all', 'ili', 'fever', 'respiratory']) as unknown,
    });
  });

  test('a re-sent message is a duplicate and an A08 of the same visit replaces it', async () => {
    const client = await connectMllp(server.port);
    const again = await client.send(sample('a04-fever-clinic'));
    const update = await client.send(sample('a08-update'));
    client.close();
    expect(msa(again).slice(0, 4)).toEqual([
      'MSA',
      'AA',
      'MSG0001',
      'duplicate: the same record is already stored',
    ]);
    expect(msa(update).slice(0, 4)).toEqual(['MSA', 'AA', 'MSG0002', 'the visit record was updated']);
    expect(await stored('FX-FC1/V20240105-0007')).toMatchObject({
      version: 2,
      signals: expect.arrayContaining(['gi', 'ili']) as unknown,
    });
  });

  test('garbage gets a NAK naming where it went wrong, and nothing is stored', async () => {
    const client = await connectMllp(server.port);
    const garbage = await client.send('hello, this is not HL7');
    const badTime = await client.send(sample('a03-discharge-en').replace('|20240105231000|', '|yesterday|'));
    const badSegment = await client.send(sample('a03-discharge-en').replace('\rPV2|', '\rPV 2|'));
    client.close();
    expect(msa(garbage)[1]).toBe('AE');
    expect(msa(garbage)[3]).toBe('the message must start with an MSH segment');
    expect(errs(garbage)[0]?.[3]).toBe('100^Segment sequence error^HL70357');
    expect(msa(badTime).slice(0, 3)).toEqual(['MSA', 'AE', 'ED-778812']);
    expect(errs(badTime)[0]?.slice(2, 5)).toEqual(['PV1^1^44', '102^Data type error^HL70357', 'E']);
    expect(errs(badTime)[0]?.[8]).toContain('yesterday');
    expect(msa(badSegment)[1]).toBe('AE');
    expect(errs(badSegment)[0]?.[8]).toContain('segment 5 (PV 2');
    expect(await stored('FX-H1/ENC-2024-0042')).toBeUndefined();
  });

  test('a residence outside the city is accepted with a warning naming PID-11', async () => {
    const client = await connectMllp(server.port);
    const ack = await client.send(
      sample('a03-discharge-en')
        .replace('^^^^^^H^^420103', '^^^^^^H^^110101')
        .replace('ENC-2024-0042', 'OUT-HL7'),
    );
    client.close();
    expect(msa(ack)[1]).toBe('AA');
    expect(errs(ack)[0]?.slice(2, 5)).toEqual(['PID^1^11', '0^Message accepted^HL70357', 'W']);
    expect(errs(ack)[0]?.[8]).toBe(
      "PID-11: residence 110101 is outside the city: counted at the reporting facility's place 420102002",
    );
    expect(await stored('FX-H1/OUT-HL7')).toMatchObject({ version: 1 });
  });

  test('a value the visit schema refuses is named by its HL7 field', async () => {
    const client = await connectMllp(server.port);
    const ack = await client.send(sample('a03-discharge-en').replace('|19870704|M|', '|19870704|X|'));
    client.close();
    expect(msa(ack)[1]).toBe('AE');
    expect(errs(ack)[0]?.[2]).toBe('PID^1^8');
    expect(errs(ack)[0]?.[8]).toMatch(/^PID-8: /);
  });

  test('a message split over many TCP writes, even inside a character and the end bytes', async () => {
    const client = await connectMllp(server.port);
    const bytes = frame(sample('a04-minimal-admit-reason'));
    const inside = bytes.indexOf(Buffer.from('腹')) + 1;
    const cuts = [...new Set([1, 2, 57, 58, 120, inside, bytes.length - 1])].sort((a, b) => a - b);
    let from = 0;
    for (const cut of cuts) {
      await client.write(bytes.subarray(from, cut));
      await new Promise((resolve) => setTimeout(resolve, 5));
      from = cut;
    }
    await client.write(bytes.subarray(from));
    const [ack] = await client.acks(1);
    client.close();
    expect(msa(ack ?? '').slice(0, 3)).toEqual(['MSA', 'AA', 'CHC-0099']);
    expect(await stored('FX-H1/CHC-0099-V')).toMatchObject({ chief_complaint: '腹泻水样便5次，无发热' });
  });

  test('several messages in one write are acknowledged in order; noise between frames is ignored', async () => {
    const client = await connectMllp(server.port);
    const messages = [1, 2, 3].map((n) =>
      sample('a04-minimal-admit-reason')
        .replace('|CHC-0099|', `|BATCH-${n}|`)
        .replace('CHC-0099-V', `B-${n}`),
    );
    await client.write(
      Buffer.concat([
        Buffer.from('\r\n'),
        ...messages.map((m) => Buffer.concat([frame(m), Buffer.from('x')])),
      ]),
    );
    const acks = await client.acks(3);
    client.close();
    expect(acks.map((a) => msa(a).slice(1, 3))).toEqual([
      ['AA', 'BATCH-1'],
      ['AA', 'BATCH-2'],
      ['AA', 'BATCH-3'],
    ]);
  });

  test('several connections at once', async () => {
    const clients = await Promise.all([1, 2, 3, 4].map(() => connectMllp(server.port)));
    const acks = await Promise.all(
      clients.map((c, i) =>
        c.send(
          sample('a04-minimal-admit-reason')
            .replace('|CHC-0099|', `|PAR-${i}|`)
            .replace('CHC-0099-V', `P-${i}`),
        ),
      ),
    );
    for (const c of clients) c.close();
    expect(acks.map((a) => msa(a)[1])).toEqual(['AA', 'AA', 'AA', 'AA']);
    const count = await db.pool.query(
      "SELECT count(*)::int AS n FROM visit_record WHERE visit_id LIKE 'P-%'",
    );
    expect(count.rows[0]).toEqual({ n: 4 });
  });

  test('a sending facility unknown to the city, or another message type, is rejected (AR)', async () => {
    const client = await connectMllp(server.port);
    const unknown = await client.send(
      sample('a04-minimal-admit-reason').replace('|FX-H1|', '|NOT-A-FACILITY|'),
    );
    const oru = await client.send(sample('a04-minimal-admit-reason').replace('ADT^A04', 'ORU^R01'));
    const test = await client.send(sample('a04-minimal-admit-reason').replace('|P|2.5.1', '|T|2.5.1'));
    client.close();
    expect(msa(unknown)[1]).toBe('AR');
    expect(errs(unknown)[0]?.slice(2, 4)).toEqual(['MSH^1^4', '103^Table value not found^HL70357']);
    expect(msa(unknown)[3]).toBe('sending facility NOT-A-FACILITY is not allowed to send here');
    expect(msa(oru)[1]).toBe('AR');
    expect(errs(oru)[0]?.slice(2, 4)).toEqual(['MSH^1^9', '200^Unsupported message type^HL70357']);
    expect(msa(test)[1]).toBe('AR');
    expect(errs(test)[0]?.[2]).toBe('MSH^1^11');
  });

  test('a message in GB 18030 (MSH-18) is read in its character set and answered in it', async () => {
    const chinese = await startHl7Listener({
      port: 0,
      host: '127.0.0.1',
      settings: { ...settings, language: 'zh-CN' },
      pool: db.pool,
      log: () => {},
    });
    const text = sample('a04-minimal-admit-reason')
      .replace('|P|2.5.1', '|P|2.5.1||||||GB 18030-2000')
      .replace('CHC-0099-V', 'GB-1');
    const client = await connectMllp(chinese.port);
    await client.write(frame(iconv.encode(text, 'gb18030')));
    const [bytes] = await client.rawAcks(1);
    client.close();
    await chinese.close();
    const ack = iconv.decode(bytes ?? Buffer.alloc(0), 'gb18030');
    expect(msa(ack)[1]).toBe('AA');
    expect(msa(ack)[3]).toBe('已接收');
    expect(segment(ack, 'MSH')[0]?.[17]).toBe('GB 18030-2000');
    // The bytes are GB 18030, not UTF-8: 已接收 is six bytes in GB 18030 and nine in UTF-8.
    expect(bytes?.includes(iconv.encode('已接收', 'gb18030'))).toBe(true);
    expect(bytes?.includes(Buffer.from('已接收', 'utf8'))).toBe(false);
    expect(await stored('FX-H1/GB-1')).toMatchObject({ chief_complaint: '腹泻水样便5次，无发热' });
  });

  test('a Latin-1 message is answered in UTF-8, and MSH-18 of the ACK says so', async () => {
    const client = await connectMllp(server.port);
    const ack = await client.send(
      sample('a03-discharge-en').replace('|P|2.5.1', '|P|2.5.1||||||8859/1').replace('ENC-2024-0042', 'L1-1'),
    );
    client.close();
    expect(msa(ack)[1]).toBe('AA');
    expect(segment(ack, 'MSH')[0]?.[17]).toBe('UNICODE UTF-8');
  });
});

const hasOpenssl = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
if (!hasOpenssl) process.stdout.write('MLLP over TLS: skipped, no openssl to make a test certificate\n');

describe.skipIf(!hasOpenssl)('MLLP with an allowed-facility list, over TLS', () => {
  let folder: string;
  let tlsServer: MllpServer;
  let cert: Buffer;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'shaobing-mllp-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout',
        join(folder, 'key.pem'),
        '-out',
        join(folder, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    cert = readFileSync(join(folder, 'cert.pem'));
    tlsServer = await startHl7Listener({
      port: 0,
      host: '127.0.0.1',
      settings: {
        allow: ['FX-H1', 'FX-NOT-IN-CITY'],
        tls: { cert, key: readFileSync(join(folder, 'key.pem')) },
        language: 'zh-CN',
      },
      pool: db.pool,
      log: () => {},
    });
  });
  afterAll(async () => {
    await tlsServer.close();
    rmSync(folder, { recursive: true, force: true });
  });

  test('a listed facility is accepted over TLS, an unlisted one rejected in Chinese', async () => {
    const client = await connectMllp(tlsServer.port, { tls: { ca: cert, servername: 'localhost' } });
    const listed = await client.send(sample('a04-minimal-admit-reason').replace('CHC-0099-V', 'TLS-1'));
    const unlisted = await client.send(sample('a08-update'));
    client.close();
    expect(msa(listed)[1]).toBe('AA');
    expect(msa(unlisted)[1]).toBe('AR');
    expect(msa(unlisted)[3]).toBe('发送机构 FX-FC1 未获准通过本接口报送');
    expect(await stored('FX-FC1/V20240105-0007')).toMatchObject({ version: 2 });
  });

  test('a listed id that is not a facility of the city is still refused, and nothing is stored', async () => {
    const client = await connectMllp(tlsServer.port, { tls: { ca: cert, servername: 'localhost' } });
    const ghost = await client.send(
      sample('a04-minimal-admit-reason')
        .replace('|FX-H1|', '|FX-NOT-IN-CITY|')
        .replace('CHC-0099-V', 'GHOST-1'),
    );
    client.close();
    expect(msa(ghost)[1]).toBe('AR');
    expect(errs(ghost)[0]?.slice(2, 4)).toEqual(['MSH^1^4', '103^Table value not found^HL70357']);
    const count = await db.pool.query(
      "SELECT count(*)::int AS n FROM visit_record WHERE visit_id = 'GHOST-1'",
    );
    expect(count.rows[0]).toEqual({ n: 0 });
  });

  test('a plain TCP client gets nothing from the TLS port', async () => {
    const client = await connectMllp(tlsServer.port);
    await client.write(frame(sample('a04-minimal-admit-reason')));
    await expect(client.acks(1, 2_000)).rejects.toThrow();
    client.close();
  });
});
