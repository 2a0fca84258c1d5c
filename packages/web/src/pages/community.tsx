import { useState, type FormEvent } from 'react';
import { answerHandover, listTasks, reportProgress, type Task } from '../api/tasks';
import { useSession } from '../auth/session';
import { formatDateTime } from '../format/levels';
import { useLoad } from '../format/use-load';
import { useLanguage } from '../i18n/language';
import { Failure, Loading } from '../layout/status';

/** View 4, phone-sized: the community worker's open tasks, and the counts reported back for each. */
export default function CommunityPage() {
  const { t } = useLanguage();
  const organisation = useSession().user?.organisation ?? null;
  const tasks = useLoad(() => listTasks({ mine: true }), []);
  if (tasks.error) return <Failure error={tasks.error} retry={tasks.reload} />;
  if (!tasks.value) return <Loading />;
  const open = tasks.value.items.filter((task) => task.status === 'open' || task.status === 'in_progress');
  const offered = open.filter((task) => task.pendingHandover?.toOrgId === organisation);
  const mine = open.filter((task) => task.ownerOrgId === organisation || organisation === null);
  return (
    <section className="phone">
      <h1>{t('community.title')}</h1>
      {offered.map((task) => (
        <Offer key={task.id} task={task} onDone={tasks.reload} />
      ))}
      {mine.length === 0 && <p className="muted">{t('community.empty')}</p>}
      {mine.map((task) => (
        <TaskCard key={task.id} task={task} onDone={tasks.reload} />
      ))}
    </section>
  );
}

/** A task another organisation asks this one to take over: accept (it becomes ours) or decline. */
function Offer({ task, onDone }: { task: Task; onDone: () => void }) {
  const { t } = useLanguage();
  const [error, setError] = useState<string>();
  const answer = (accept: boolean) => {
    if (!task.pendingHandover) return;
    answerHandover(task.pendingHandover.id, accept).then(onDone, (e: Error) => setError(e.message));
  };
  return (
    <div className="card task" data-testid="handover-offer">
      <h2>
        {t('community.offered')}: {task.title}
      </h2>
      <p className="muted">
        {task.ownerOrgId} · {task.pendingHandover?.reason}
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => answer(true)}>
          {t('community.accept')}
        </button>
        <button type="button" onClick={() => answer(false)}>
          {t('community.decline')}
        </button>
      </div>
      {error && <p className="error">{error}</p>}
    </div>
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
