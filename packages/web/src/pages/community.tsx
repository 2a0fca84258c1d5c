import { useState, type FormEvent } from 'react';
import { listTasks, reportProgress, type Task } from '../api/tasks';
import { formatDateTime } from '../format/levels';
import { useLoad } from '../format/use-load';
import { useLanguage } from '../i18n/language';
import { Failure, Loading } from '../layout/status';

/** View 4, phone-sized: the community worker's open tasks, and the counts reported back for each. */
export default function CommunityPage() {
  const { t } = useLanguage();
  const tasks = useLoad(() => listTasks({ mine: true }), []);
  if (tasks.error) return <Failure error={tasks.error} retry={tasks.reload} />;
  if (!tasks.value) return <Loading />;
  const open = tasks.value.items.filter((task) => task.status === 'open' || task.status === 'in_progress');
  return (
    <section className="phone">
      <h1>{t('community.title')}</h1>
      {open.length === 0 && <p className="muted">{t('community.empty')}</p>}
      {open.map((task) => (
        <TaskCard key={task.id} task={task} onDone={tasks.reload} />
      ))}
    </section>
  );
}

function TaskCard({ task, onDone }: { task: Task; onDone: () => void }) {
  const { t, language } = useLanguage();
  const [counts, setCounts] = useState({ householdsVisited: '', feverFound: '', referrals: '' });
  const [note, setNote] = useState('');
  const [state, setState] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reportProgress(task.id, {
      householdsVisited: Number(counts.householdsVisited || 0),
      feverFound: Number(counts.feverFound || 0),
      referrals: Number(counts.referrals || 0),
      ...(note ? { note } : {}),
    }).then(
      () => {
        setState(t('community.sent'));
        onDone();
      },
      (e: Error) => setState(e.message),
    );
  };
  const field = (key: keyof typeof counts, label: string) => (
    <label>
      {label}
      <input
        name={key}
        type="number"
        inputMode="numeric"
        min={0}
        value={counts[key]}
        onChange={(e) => setCounts({ ...counts, [key]: e.target.value })}
      />
    </label>
  );
  return (
    <form
      className={`card task${task.overdue ? ' overdue' : ''}`}
      onSubmit={submit}
      data-testid="community-task"
    >
      <h2>{task.title}</h2>
      <p className="muted">
        {task.kind} · {t('events.deadline')} {formatDateTime(task.dueAt, language)}
      </p>
      <p>
        {t('community.households')} <b data-testid="households">{task.counts.householdsVisited}</b> ·{' '}
        {t('community.fever')} {task.counts.feverFound} · {t('community.referrals')} {task.counts.referrals}
      </p>
      {field('householdsVisited', t('community.households'))}
      {field('feverFound', t('community.fever'))}
      {field('referrals', t('community.referrals'))}
      <label>
        {t('community.note')}
        <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="primary">
        {t('community.report')}
      </button>
      {state && <p data-testid="report-state">{state}</p>}
    </form>
  );
}
