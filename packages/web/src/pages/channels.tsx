import { useState, type FormEvent } from 'react';
import { submitRecords, uploadCsv, type IngestReport } from '../api/ingest';
import { CHANNELS, getSeries, type Channel } from '../api/series';
import { useSession } from '../auth/session';
import { useLoad } from '../format/use-load';
import { useLanguage } from '../i18n/language';
import { Failure, Loading } from '../layout/status';

/**
 * View 5: per channel, today's records and how many of its reporters sent anything (the completeness
 * the series carry); a CSV upload with a progress bar and the rejected rows with their reasons; for a
 * facility reporter, a visit typed in by hand and the list of what they submitted in this session.
 */

/** A signal every record of the channel counts in, or its most common one, to read today's totals by. */
const HEADLINE_SIGNAL: Record<Channel, string> = {
  visit: 'all',
  'report-card': 'influenza',
  pharmacy: 'antipyretic',
  school: 'absent_fever',
  lab: 'influenza_a',
  hotline: 'respiratory',
  opinion: 'respiratory',
  wastewater: 'sars_cov_2',
};

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export default function ChannelsPage() {
  const { t } = useLanguage();
  const { user } = useSession();
  const place = user?.jurisdiction && user.jurisdiction.length > 4 ? user.jurisdiction : undefined;
  const summary = useLoad(
    () =>
      Promise.all(
        CHANNELS.map(async (channel) => {
          const day = today();
          const from = new Date(Date.parse(day) - 6 * 86_400_000).toISOString().slice(0, 10);
          const series = await getSeries({
            channel,
            signal: HEADLINE_SIGNAL[channel],
            interval: 'day',
            from,
            to: day,
            ...(place ? { place } : {}),
          }).catch(() => undefined);
          const last = series?.points.at(-1);
          return { channel, last, week: series?.points ?? [] };
        }),
      ),
    [place],
  );
  return (
    <section>
      <h1>{t('channels.title')}</h1>
      {summary.error && <Failure error={summary.error} />}
      {!summary.value && !summary.error && <Loading />}
      {summary.value && (
        <table className="table" data-testid="channel-summary">
          <thead>
            <tr>
              <th>{t('channels.channel')}</th>
              <th>{t('channels.today')}</th>
              <th>{t('channels.silent')}</th>
              <th>{t('map.completeness')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.value.map(({ channel, last }) => {
              const c = last?.completeness;
              return (
                <tr key={channel}>
                  <td>{channel}</td>
                  <td className="num">{last?.records ?? last?.count ?? '—'}</td>
                  <td className={c && c.expected - c.reported > 0 ? 'num overdue' : 'num'}>
                    {c ? c.expected - c.reported : '—'}
                  </td>
                  <td className="num">
                    {c?.ratio !== null && c?.ratio !== undefined ? `${(c.ratio * 100).toFixed(0)}%` : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Upload />
      {user?.roles.includes('facility_reporter') && user.facilityId && (
        <HandForm facility={user.facilityId} />
      )}
    </section>
  );
}

function Rejected({ report }: { report: IngestReport }) {
  const { t } = useLanguage();
  return (
    <>
      <p data-testid="ingest-report">
        {t('channels.received')} {report.received} · {t('channels.accepted')} {report.accepted} ·{' '}
        {t('channels.duplicates')} {report.duplicates} · {t('channels.rejected')} {report.rejected.length}
      </p>
      {report.rejected.length > 0 && (
        <table className="table small">
          <thead>
            <tr>
              <th>{t('channels.row')}</th>
              <th>{t('channels.field')}</th>
              <th>{t('common.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rejected.slice(0, 200).map((r, i) => (
              <tr key={i}>
                <td>{r.row}</td>
                <td>{r.field}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Upload() {
  const { t } = useLanguage();
  const [channel, setChannel] = useState<Channel>('visit');
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<number>();
  const [report, setReport] = useState<IngestReport>();
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setReport(undefined);
    setError(undefined);
    setProgress(0);
    uploadCsv(channel, file, setProgress).then(setReport, (e: unknown) =>
      setError(e instanceof Error ? e.message : String(e)),
    );
  };
  return (
    <form className="card" onSubmit={submit}>
      <h2>{t('channels.upload')}</h2>
      <div className="form-row">
        <label>
          {t('channels.channel')}
          <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
            {CHANNELS.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          {t('channels.file')}
          <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0])} />
        </label>
        <button type="submit" disabled={!file}>
          {t('common.submit')}
        </button>
      </div>
      {progress !== undefined && <progress value={progress} max={1} data-testid="upload-progress" />}
      {error && <p className="error">{error}</p>}
      {report && <Rejected report={report} />}
    </form>
  );
}

function HandForm({ facility }: { facility: string }) {
  const { t } = useLanguage();
  const [complaint, setComplaint] = useState('');
  const [temperature, setTemperature] = useState('');
  const [age, setAge] = useState('');
  const [sent, setSent] = useState<{ visitId: string; report: IngestReport }[]>([]);
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const visitId = `hand-${Date.now()}`;
    const record = {
      visitId,
      facility,
      time: new Date().toISOString(),
      chiefComplaint: complaint,
      ...(temperature ? { temperature: Number(temperature) } : {}),
      ...(age ? { age: Number(age) } : {}),
    };
    submitRecords('visit', [record]).then(
      (report) => setSent((s) => [{ visitId, report }, ...s]),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  };
  return (
    <form className="card" onSubmit={submit}>
      <h2>
        {t('channels.handForm')} · visit · {facility}
      </h2>
      <div className="form-row">
        <label className="grow">
          chiefComplaint
          <input value={complaint} onChange={(e) => setComplaint(e.target.value)} required />
        </label>
        <label>
          temperature
          <input
            type="number"
            step="0.1"
            value={temperature}
            onChange={(e) => setTemperature(e.target.value)}
          />
        </label>
        <label>
          age
          <input type="number" value={age} onChange={(e) => setAge(e.target.value)} />
        </label>
        <button type="submit">{t('common.submit')}</button>
      </div>
      {error && <p className="error">{error}</p>}
      <h3>{t('channels.mySubmissions')}</h3>
      <ul className="list">
        {sent.map((s) => (
          <li key={s.visitId}>
            {s.visitId}:{' '}
            {s.report.accepted > 0 ? '✓' : s.report.rejected.map((r) => `${r.field} ${r.reason}`).join('; ')}
          </li>
        ))}
      </ul>
    </form>
  );
}
