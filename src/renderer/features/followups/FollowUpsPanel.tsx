// Follow-up action items for after the incident.
import { useState } from 'react';
import { FOLLOW_UP_PRIORITIES, FOLLOW_UP_STATUSES, type FollowUpPriority, type FollowUpStatus } from '@core/model';
import { useCollection, useCommand } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';
import { formatDateTime, fromLocalInputValue } from '@core/time/instants';
import { PersonSelect } from '../people/PersonSelect';
import { useAction } from '../commands/registry';
import type { FollowUp } from '@core/model';
import { useT } from '../../i18n';
import { useTimeDisplay } from '../../i18n/clock';
import { LongList, type LongListRowProps } from '../tasks/LongList';
import { useHeadToolbar } from '../changes/headToolbar';

/** A follow-up row's first guess of its height (title, then owner and due date); measured once shown. */
const FOLLOW_UP_ROW_HEIGHT = 60;

export function FollowUpsPanel() {
  const items = useCollection('followUps');
  const t = useT('work');
  const [open, setOpen] = useState(false);
  useAction('followup.add', () => setOpen(true));
  const toolbar = useHeadToolbar<HTMLDivElement>();
  return (
    <section aria-label={t('followUps.label')}>
      <div className="panel-toolbar" ref={toolbar}>
        <span className="item-meta">{t('openCount', { count: items.filter((i) => i.status !== 'done').length })}</span>
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
          {t('followUps.add')}
        </button>
      </div>
      {items.length === 0 && <p className="panel-empty">{t('followUps.empty')}</p>}
      <LongList
        className="list"
        items={items}
        getKey={(item) => item.id}
        estimateSize={FOLLOW_UP_ROW_HEIGHT}
        renderItem={(item, row) => <FollowUpRow item={item} row={row} />}
      />
      <AddFollowUpDialog open={open} onOpenChange={setOpen} />
    </section>
  );
}

function FollowUpRow({ item, row }: { item: FollowUp; row: LongListRowProps }) {
  const t = useT('work');
  const display = useTimeDisplay();
  const tc = useT('common');
  const people = useCollection('people');
  const run = useCommand();
  return (
    <li className="item" aria-label={t('followUps.row', { title: item.title })} {...row}>
      <span className="chip">{item.priority}</span>
      <div className="item-main">
        <div className="item-title">{item.title}</div>
        <div className="item-meta">
          {people.find((p) => p.id === item.ownerId)?.name ?? <span className="warn-text">{t('followUps.noOwner')}</span>}
          {item.dueAt !== null && ` · ${t('followUps.due', { date: formatDateTime(item.dueAt, display) })}`}
        </div>
      </div>
      <label className="visually-hidden" htmlFor={`fu-status-${item.id}`}>
        {t('followUps.statusOf', { title: item.title })}
      </label>
      <select
        id={`fu-status-${item.id}`}
        className="mini-select"
        value={item.status}
        onChange={(e) =>
          run((commands) => commands.setFollowUpStatus({ followUpId: item.id, status: e.target.value as FollowUpStatus }), {
            toastRefusal: true,
          })
        }
      >
        {FOLLOW_UP_STATUSES.map((s) => (
          <option key={s} value={s}>
            {tc(`followUpStatus.${s}`)}
          </option>
        ))}
      </select>
    </li>
  );
}

function AddFollowUpDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useT('work');
  const run = useCommand();
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [due, setDue] = useState('');
  const [priority, setPriority] = useState<FollowUpPriority>('P2');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('followUps.dialog.title')}
      description={t('followUps.dialog.description')}
      submitLabel={t('followUps.dialog.submit')}
      onSubmit={() =>
        submitted(run((commands) => commands.addFollowUp({ title, ownerId: ownerId || null, dueAt: fromLocalInputValue(due), priority })))
      }
      onClosed={() => {
        setTitle('');
        setOwnerId('');
        setDue('');
      }}
    >
      <div className="field">
        <label htmlFor="followup-title">{t('followUps.dialog.item')}</label>
        <input id="followup-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor="followup-owner">{t('followUps.dialog.owner')}</label>
          <PersonSelect id="followup-owner" value={ownerId} onChange={setOwnerId} />
        </div>
        <div className="field">
          <label htmlFor="followup-priority">{t('followUps.dialog.priority')}</label>
          <select
            id="followup-priority"
            className="select"
            value={priority}
            onChange={(e) => setPriority(e.target.value as FollowUpPriority)}
          >
            {FOLLOW_UP_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="followup-due">{t('followUps.dialog.due')}</label>
          <input id="followup-due" type="datetime-local" className="input" value={due} onChange={(e) => setDue(e.target.value)} />
        </div>
      </div>
    </FormDialog>
  );
}
