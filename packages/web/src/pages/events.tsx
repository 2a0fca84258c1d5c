import { Link } from 'react-router';
import { listEvents } from '../api/events';
import { formatDateTime } from '../format/levels';
import { useLoad } from '../format/use-load';
import { useLanguage } from '../i18n/language';
import { Failure, Loading } from '../layout/status';

/** View 3a: the events in the user's jurisdiction, newest first. */
export default function EventsPage() {
  const { t, language } = useLanguage();
  const events = useLoad(() => listEvents(), []);
  if (events.error) return <Failure error={events.error} retry={events.reload} />;
  if (!events.value) return <Loading />;
  return (
    <section>
      <h1>{t('events.title')}</h1>
      <table className="table" data-testid="event-list">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('events.title.field')}</th>
            <th>{t('events.level')}</th>
            <th>{t('events.status')}</th>
            <th>{t('alerts.fired')}</th>
          </tr>
        </thead>
        <tbody>
          {events.value.items.map((e) => (
            <tr key={e.id}>
              <td>{e.id}</td>
              <td>
                <Link to={`/events/${e.id}`}>{e.title}</Link>
              </td>
              <td>{e.level ?? (e.proposedLevel ? `(${e.proposedLevel}?)` : '—')}</td>
              <td>{e.status}</td>
              <td>{formatDateTime(e.openedAt, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.value.items.length === 0 && <p className="muted">{t('events.empty')}</p>}
    </section>
  );
}
