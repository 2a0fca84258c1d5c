import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { listPlaces } from '../api/city';
import { getEvent, getTimeline, RESPONSE_LEVELS, setResponseLevel, type ResponseLevel } from '../api/events';
import {
  createTask,
  handOver,
  listTasks,
  pushToCommunities,
  TASK_KINDS,
  type Task,
  type TaskKind,
} from '../api/tasks';
import { useSession } from '../auth/session';
import { formatDateTime } from '../format/levels';
import { useLoad } from '../format/use-load';
import { useLanguage } from '../i18n/language';
import { Failure, Loading } from '../layout/status';

/**
 * View 3b, the command board of one event: its timeline and response level (set by the commander with a
 * reason), its tasks by owner and status with the overdue ones marked, new tasks, hand-overs, and a push
 * of one task to every community of an area (群防群控).
 */
export default function EventBoardPage() {
  const id = Number(useParams().id);
  const { t, language } = useLanguage();
  const { hasRole } = useSession();
  const event = useLoad(() => getEvent(id), [id]);
  const tasks = useLoad(() => listTasks({ eventId: id }), [id]);
  const timeline = useLoad(() => getTimeline(id), [id]);
  const reload = () => {
    event.reload();
    tasks.reload();
    timeline.reload();
  };
  if (event.error) return <Failure error={event.error} retry={event.reload} />;
  if (!event.value) return <Loading />;
  const e = event.value;
  const byOwner = new Map<string, Task[]>();
  for (const task of tasks.value?.items ?? [])
    byOwner.set(task.ownerOrgId, [...(byOwner.get(task.ownerOrgId) ?? []), task]);

  return (
    <section>
      <h1>
        #{e.id} {e.title}
      </h1>
      <p>
        {t('events.level')}: <b data-testid="response-level">{e.level ?? '—'}</b>
        {e.proposedLevel && <span className="muted"> (proposed {e.proposedLevel})</span>} ·{' '}
        {t('events.status')}: {e.status}
      </p>
      {hasRole('commander') && <LevelForm id={e.id} current={e.level} onDone={reload} />}
      <div className="split">
        <div className="grow">
          <h2>{t('events.tasks')}</h2>
          {tasks.error && <Failure error={tasks.error} />}
          {[...byOwner].map(([owner, list]) => (
            <div key={owner} className="card">
              <h3>
                {t('events.owner')}: {owner}
              </h3>
              <table className="table small" data-testid="task-table">
                <tbody>
                  {list.map((task) => (
                    <TaskRow key={task.id} task={task} onDone={reload} />
                  ))}
                </tbody>
              </table>
            </div>
          ))}
          {hasRole('commander', 'duty_officer', 'analyst') && (
            <>
              <NewTaskForm eventId={e.id} placeCode={e.placeCode} onDone={reload} />
              <PushForm eventId={e.id} placeCode={e.placeCode} onDone={reload} />
            </>
          )}
        </div>
        <aside className="panel">
          <h2>{t('events.timeline')}</h2>
          <ol className="timeline" data-testid="timeline">
            {(timeline.value?.items ?? []).map((entry) => (
              <li key={entry.seq}>
                <span className="muted">{formatDateTime(entry.at, language)}</span> {entry.kind}
                {entry.taskId !== null && <> · #{entry.taskId}</>}
              </li>
            ))}
          </ol>
        </aside>
      </div>
    </section>
  );
}

function TaskRow({ task, onDone }: { task: Task; onDone: () => void }) {
  const { t, language } = useLanguage();
  const [to, setTo] = useState('');
  return (
    <tr className={task.overdue ? 'overdue' : undefined}>
      <td>#{task.id}</td>
      <td>{task.title}</td>
      <td>{task.kind}</td>
      <td>{task.status}</td>
      <td>
        {formatDateTime(task.dueAt, language)} {task.overdue && <b>{t('events.overdue')}</b>}
      </td>
      <td>
        {task.counts.householdsVisited}/{task.counts.feverFound}/{task.counts.referrals}
      </td>
      <td>
        <input placeholder={t('events.owner')} value={to} onChange={(e) => setTo(e.target.value)} size={10} />
        <button
          type="button"
          disabled={!to}
          onClick={() =>
            void handOver(task.id, to, t('events.handOver')).then(onDone, (e: Error) => alert(e.message))
          }
        >
          {t('events.handOver')}
        </button>
      </td>
    </tr>
  );
}

function LevelForm({
  id,
  current,
  onDone,
}: {
  id: number;
  current: ResponseLevel | null;
  onDone: () => void;
}) {
  const { t } = useLanguage();
  const [level, setLevel] = useState<ResponseLevel>(current ?? 'IV');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setResponseLevel(id, level, reason).then(onDone, (e: Error) => setError(e.message));
  };
  return (
    <form className="card form-row" onSubmit={submit} data-testid="level-form">
      <label>
        {t('events.setLevel')}
        <select name="level" value={level} onChange={(e) => setLevel(e.target.value as ResponseLevel)}>
          {RESPONSE_LEVELS.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
      </label>
      <label className="grow">
        {t('common.reason')}
        <input name="level-reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
      </label>
      <button type="submit">{t('common.submit')}</button>
      {error && <p className="error">{error}</p>}
    </form>
  );
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

function NewTaskForm({
  eventId,
  placeCode,
  onDone,
}: {
  eventId: number;
  placeCode: string;
  onDone: () => void;
}) {
  const { t } = useLanguage();
  const [kind, setKind] = useState<TaskKind>('investigation');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    createTask(eventId, { kind, title, placeCode, dueAt: inDays(1) }).then(onDone, (e: Error) =>
      setError(e.message),
    );
  };
  return (
    <form className="card form-row" onSubmit={submit}>
      <b>{t('events.newTask')}</b>
      <select value={kind} onChange={(e) => setKind(e.target.value as TaskKind)}>
        {TASK_KINDS.map((k) => (
          <option key={k}>{k}</option>
        ))}
      </select>
      <input
        placeholder={t('events.title.field')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        required
      />
      <button type="submit">{t('common.submit')}</button>
      {error && <p className="error">{error}</p>}
    </form>
  );
}

function PushForm({
  eventId,
  placeCode,
  onDone,
}: {
  eventId: number;
  placeCode: string;
  onDone: () => void;
}) {
  const { t, pick } = useLanguage();
  const district = placeCode.slice(0, 6);
  const streets = useLoad(() => listPlaces({ parent: district }), [district]);
  const [area, setArea] = useState(district);
  const [title, setTitle] = useState('');
  const [result, setResult] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    pushToCommunities(eventId, {
      placeCode: area,
      kind: 'door-to-door-screening',
      title,
      dueAt: inDays(2),
    }).then(
      (answer) => {
        setResult(`${t('events.pushed')}: ${answer.taskIds.length}`);
        onDone();
      },
      (e: Error) => setResult(e.message),
    );
  };
  return (
    <form className="card form-row" onSubmit={submit} data-testid="push-form">
      <b>{t('events.push')}</b>
      <label>
        {t('events.pushArea')}
        <select name="area" value={area} onChange={(e) => setArea(e.target.value)}>
          <option value={district}>{district}</option>
          {(streets.value ?? []).map((s) => (
            <option key={s.code} value={s.code}>
              {pick(s.name, s.nameEn)}
            </option>
          ))}
        </select>
      </label>
      <input
        name="push-title"
        placeholder={t('events.title.field')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        required
      />
      <button type="submit">{t('common.submit')}</button>
      {result && <span data-testid="push-result">{result}</span>}
    </form>
  );
}
