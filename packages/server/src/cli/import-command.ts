import { existsSync, statSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { CHANNEL_IDS, isChannelId } from '../channels/channel-id.js';
import { loadCity } from '../city/load-city.js';
import { cityFolder } from '../city/read-city.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { DataDirectoryInUse } from '../db/embedded-server.js';
import type { Language } from '../i18n/language.js';
import type { BodyFormat } from '../ingest/body-rows.js';
import { ApiRefused, importIntoDatabase, importThroughApi } from '../ingest/import/import-file.js';
import { ProgressBar } from '../ingest/import/progress-bar.js';
import type { IngestReport } from '../ingest/ingest-report.js';
import { UsageError } from './usage-error.js';

export const importHelp = `Usage: shaobing import CHANNEL FILE [--url URL] [--format csv|json] [--rejects FILE.csv] [--lang zh-CN|en]

Loads a file of records of one channel: CSV with a header row, or a JSON array.
Channels: ${CHANNEL_IDS.join(', ')}

When the platform is running (its API answers at --url, default http://127.0.0.1:PORT), the file is sent to
it in parts under the body limit; otherwise it goes straight into the database (SHAOBING_DATA or
DATABASE_URL). Records are committed batch by batch; a record already stored is recognised, so running an
interrupted import again is safe. Rejected records are listed with their row in the file, field and reason.

  --url URL        the running platform's address
  --token T        a token for the platform (POST /api/v1/auth/login, or an API token); default
                   SHAOBING_TOKEN
  --format F       csv or json (default: from the file's extension)
  --rejects FILE   write every rejected record (row, field, reason) to a CSV file
  --lang L         language of the reasons (default: from LANG; zh-CN or en)
  --part-mb N      size of each request to the platform, in MB (default 8; keep under its body limit)

Exit status: 0 all records stored or duplicates, 1 some rejected, 2 usage error.
`;

async function platformAnswers(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

function summary(report: IngestReport, seconds: number): string {
  const shown = report.rejected.slice(0, 20).map((r) => `  row ${r.row}, ${r.field}: ${r.reason}`);
  const more =
    report.rejected.length > shown.length ? [`  … and ${report.rejected.length - shown.length} more`] : [];
  return [
    `${report.received} records in ${seconds.toFixed(1)} s: ${report.accepted} stored, ${report.duplicates} duplicates, ` +
      `${report.corrected} corrections, ${report.rejected.length} rejected`,
    ...shown,
    ...more,
    '',
  ].join('\n');
}

const csvCell = (v: string | number) =>
  /[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);

export async function runImport(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        format: { type: 'string' },
        rejects: { type: 'string' },
        lang: { type: 'string' },
        'part-mb': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [channel, file, ...extra] = parsed.positionals;
  const { values } = parsed;
  if (channel === undefined || file === undefined || extra.length > 0)
    throw new UsageError(`expected CHANNEL FILE\n\n${importHelp}`);
  if (!isChannelId(channel))
    throw new UsageError(`unknown channel "${channel}"; channels: ${CHANNEL_IDS.join(', ')}`);
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const format = (values.format ?? extname(file).slice(1).toLowerCase()) as BodyFormat;
  if (format !== 'csv' && format !== 'json') throw new UsageError('--format must be csv or json');
  const language: Language =
    values.lang === 'en' || values.lang === 'zh-CN'
      ? values.lang
      : (process.env.LANG ?? '').startsWith('zh')
        ? 'zh-CN'
        : 'en';
  const loaded = loadConfig();
  if (!loaded.ok) throw new UsageError(`configuration: ${loaded.message}`);
  const { config } = loaded;
  const partMb = Number(values['part-mb'] ?? 8);
  if (!(partMb > 0)) throw new UsageError('--part-mb must be a positive number');
  const baseUrl = (values.url ?? `http://127.0.0.1:${config.port}`).replace(/\/$/, '');

  const bar = new ProgressBar(statSync(file).size);
  const progress = (bytes: number, report: IngestReport) =>
    bar.update(bytes, report.received - report.rejected.length, report.rejected.length);
  const started = performance.now();
  let report: IngestReport;
  if (await platformAnswers(baseUrl)) {
    process.stderr.write(`sending to the platform at ${baseUrl}\n`);
    try {
      report = await importThroughApi(
        baseUrl,
        channel,
        file,
        format,
        language,
        partMb * 1024 * 1024,
        progress,
        values.token ?? process.env.SHAOBING_TOKEN,
      );
    } catch (error) {
      if (error instanceof ApiRefused)
        throw new UsageError(`the platform refused the file: ${error.message}`);
      throw error;
    }
  } else {
    if (values.url !== undefined) throw new UsageError(`the platform does not answer at ${baseUrl}`);
    let db;
    try {
      db = await openDatabase(config, (line) => process.stderr.write(`${line}\n`));
    } catch (error) {
      if (error instanceof DataDirectoryInUse) {
        throw new UsageError(`${error.message}, but its API does not answer at ${baseUrl}: pass --url`);
      }
      throw error;
    }
    process.stderr.write(`no platform at ${baseUrl}: writing to the database directly\n`);
    try {
      // The city's places and facilities, as \`serve\` loads them: records are checked against them.
      await loadCity(db.pool, cityFolder(config.city));
      report = await importIntoDatabase(db.pool, channel, file, format, language, progress);
    } finally {
      await db.close();
    }
  }
  bar.done();
  process.stdout.write(summary(report, (performance.now() - started) / 1000));
  if (values.rejects !== undefined) {
    const lines = [
      'row,field,reason',
      ...report.rejected.map((r) => [r.row, r.field, r.reason].map(csvCell).join(',')),
    ];
    writeFileSync(values.rejects, `${lines.join('\n')}\n`);
  }
  return report.rejected.length > 0 ? 1 : 0;
}
