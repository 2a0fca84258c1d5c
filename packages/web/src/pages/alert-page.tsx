import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { getAlert, getAlertRules, type Evidence, type Firing } from '../api/alerts';
import { ApiFailure } from '../api/http';
import { SeriesChart } from '../charts/series-chart';
import {
  decideVerification,
  verificationOfAlert,
  type Verification,
  type VerificationOutcome,
} from '../api/verification';
import { formatDateTime } from '../format/levels';
import { useLoad } from '../format/use-load';
import { useLanguage } from '../i18n/language';
import { LevelBadge } from '../layout/level-badge';
import { Failure, Loading } from '../layout/status';
import { EvidenceChart } from './evidence-chart';

/** View 2b: one alert — why it fired, each piece of evidence with its series, and the decision. */
export default function AlertPage() {
  const id = Number(useParams().id);
  const { t, pick, language } = useLanguage();
  const detail = useLoad(() => getAlert(id), [id]);
  const rules = useLoad(() => getAlertRules().catch(() => undefined), []);
  const verification = useLoad(() => verificationOfAlert(id).catch(() => null), [id]);
  const ruleName = useMemo(() => {
    const byId = new Map((rules.value?.rules ?? []).map((r) => [r.id, r.name]));
    return (ruleId: string) => {
      const name = byId.get(ruleId);
      return name ? pick(name.zh, name.en) : ruleId;
    };
  }, [rules.value, pick]);

  if (detail.error) return <Failure error={detail.error} retry={detail.reload} />;
  if (!detail.value) return <Loading />;
  const { alert, firings, series, notEvaluated } = detail.value;
  const chartedBySignal = firings.some((f) => f.evidence.some((e) => e.type === 'signal'));

  return (
    <section className="alert-page">
      <p>
        <Link to="/alerts">← {t('alerts.title')}</Link>
      </p>
      <h1>
        <LevelBadge level={alert.level} /> {t('alert.title')} #{alert.id} ·{' '}
        {pick(alert.placeName, alert.placeNameEn)}
      </h1>
      <p className="reason" data-testid="alert-reason">
        {pick(alert.reason.zh, alert.reason.en)}
      </p>
      <p className="muted">
        {alert.periodStart} – {alert.periodEnd} · {t('alerts.channels')}: {alert.channels.join(', ')} ·{' '}
        {alert.status === 'open' ? t('alerts.open') : t('alerts.closed')}
      </p>

      <Decision verification={verification.value} reload={verification.reload} />

      <h2>{t('alert.evidence')}</h2>
      {firings.map((f) => (
        <FiringCard key={f.id} firing={f} ruleName={ruleName(f.ruleId)} language={language} />
      ))}
      {!chartedBySignal &&
        series.map((s) => (
          <div key={`${s.channel}|${s.signal}|${s.placeCode}|${s.facilityId}`} className="card">
            <h3>
              {t('alert.series')}: {s.channel} · {s.signal} · {s.placeCode ?? s.facilityId}
            </h3>
            <SeriesChart
              testId="evidence-chart"
              data={{ periods: s.points.map((p) => p.day), observed: s.points.map((p) => p.count) }}
            />
          </div>
        ))}
      {notEvaluated.length > 0 && (
        <>
          <h3>{t('alert.notEvaluated')}</h3>
          <ul className="list">
            {notEvaluated.map((n) => (
              <li key={`${n.channel}|${n.signal}|${n.placeCode}|${n.period}|${n.method}`}>
                {n.channel} · {n.signal} · {n.placeCode} · {n.method}: {n.field} — {n.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function FiringCard({ firing, ruleName, language }: { firing: Firing; ruleName: string; language: string }) {
  const { t, pick } = useLanguage();
  return (
    <div className="card">
      <h3>
        {t('alert.rule')}: {ruleName}{' '}
        <small className="muted">{formatDateTime(firing.firedAt, language)}</small>
      </h3>
      <p>{pick(firing.reason.zh, firing.reason.en)}</p>
      {firing.evidence.map((e, i) => (
        <EvidenceItem key={i} evidence={e} />
      ))}
    </div>
  );
}

function EvidenceItem({ evidence }: { evidence: Evidence }) {
  const { t } = useLanguage();
  switch (evidence.type) {
    case 'signal':
      return (
        <div className="evidence">
          <p>
            {t('alert.series')}: <b>{evidence.channel}</b> · {evidence.signal} · {evidence.placeCode} ·{' '}
            {evidence.periodStart} · {t('alert.method')} {evidence.method} · {t('alert.observed')}{' '}
            {evidence.observed}
            {evidence.expected !== null && (
              <>
                {' '}
                · {t('alert.expected')} {evidence.expected.toFixed(1)}
              </>
            )}
            {evidence.upperbound !== null && (
              <>
                {' '}
                · {t('alert.threshold')} {evidence.upperbound.toFixed(1)}
              </>
            )}
            {evidence.pvalue !== null && (
              <>
                {' '}
                · {t('alert.pvalue')} {evidence.pvalue.toPrecision(2)}
              </>
            )}
          </p>
          <EvidenceChart evidence={evidence} />
        </div>
      );
    case 'cluster':
      return (
        <div className="evidence">
          <p>
            {t('alert.cluster')}: <b>{evidence.channel}</b> · {evidence.signals.join(', ')} ·{' '}
            {evidence.unitId} · {evidence.from} – {evidence.to} · {t('alert.cases')} {evidence.cases} (≥{' '}
            {evidence.minCases})
          </p>
          <SeriesChart
            height={180}
            testId="evidence-chart"
            data={{
              periods: evidence.daily.map((d) => d.date),
              observed: evidence.daily.map((d) => d.count),
            }}
          />
        </div>
      );
    case 'record':
      return (
        <p className="evidence">
          {t('alert.record')}: <b>{evidence.channel}</b> · {evidence.disease ?? ''}{' '}
          {evidence.classification ?? ''} · {evidence.placeCode} · {evidence.eventDate}
        </p>
      );
    case 'concordance':
      return (
        <div className="evidence">
          <p>
            {t('alert.concordance')}: {evidence.family} · {evidence.from} – {evidence.to} ·{' '}
            {t('alert.fusedP')} {evidence.fusedP.toPrecision(2)} (≤ {evidence.fusedAlpha})
          </p>
          <table className="table small">
            <tbody>
              {evidence.channels.map((c) => (
                <tr key={c.channel}>
                  <td>{c.channel}</td>
                  <td>p = {c.p === null ? '—' : c.p.toPrecision(2)}</td>
                  <td>{c.agrees ? `✓ ${t('alert.agrees')}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

function Decision({
  verification,
  reload,
}: {
  verification: Verification | null | undefined;
  reload: () => void;
}) {
  const { t } = useLanguage();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [eventId, setEventId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  if (verification === undefined) return null;
  if (verification === null) return <p className="muted">{t('common.notAvailable')}</p>;
  const open = verification.status === 'pending' || verification.status === 'monitoring';

  const decide = (outcome: VerificationOutcome) => {
    if (outcome !== 'monitoring' && reason.trim() === '') {
      setError(t('alert.reasonRequired'));
      return;
    }
    setBusy(true);
    setError(undefined);
    decideVerification(verification.id, {
      outcome,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    }).then(
      (answer) => {
        setEventId(answer.eventId);
        setBusy(false);
        reload();
      },
      (e: unknown) => {
        setError(e instanceof ApiFailure || e instanceof Error ? e.message : String(e));
        setBusy(false);
      },
    );
  };

  const linkedEvent = eventId ?? verification.eventId;
  return (
    <div className="card decision" data-testid="decision">
      <p>
        {t('alerts.deadline')}: {verification.dueAt.slice(0, 16).replace('T', ' ')} · {t('alerts.status')}:{' '}
        <b data-testid="verification-status">{verification.status}</b>
        {linkedEvent !== null && (
          <>
            {' '}
            ·{' '}
            <Link to={`/events/${linkedEvent}`}>
              {t('alert.eventCreated')} #{linkedEvent}
            </Link>
          </>
        )}
      </p>
      {open && (
        <>
          <label>
            {t('common.reason')}
            <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
          </label>
          <div className="actions">
            {verification.status === 'pending' && (
              <button type="button" disabled={busy} onClick={() => decide('monitoring')}>
                {t('alert.verifyMonitor')}
              </button>
            )}
            <button type="button" disabled={busy} onClick={() => decide('dismissed')}>
              {t('alert.dismiss')}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => decide('confirmed')}>
              {t('alert.confirm')}
            </button>
          </div>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
