// System changes made during the incident and whether each was rolled back.
import { useState } from 'react';
import { useCollection, useCommand } from '../../state/incidentContext';
import { FormDialog, submitted } from '../../ui/FormDialog';
import { WhenField, whenFrom } from '../../ui/WhenField';
import { formatClockTime } from '@core/time/instants';
import type { SystemChange } from '@core/model';
import { Fold } from '../warroom/Fold';
import { useAction } from '../commands/registry';
import { useT } from '../../i18n';
import { useTimeDisplay } from '../../i18n/clock';
import { LongList, type LongListRowProps } from '../tasks/LongList';
import { useHeadToolbar } from './headToolbar';

/** A change row's first guess of its height; measured once shown. */
const CHANGE_ROW_HEIGHT = 30;

export function ChangesPanel() {
  const changes = useCollection('changes');
  const [open, setOpen] = useState(false);
  useAction('change.log', () => setOpen(true));
  const inPlace = changes.filter((c) => c.state === 'applied');
  const rolledBack = changes.filter((c) => c.state !== 'applied');
  const t = useT('work');
  const tc = useT('common');
  const toolbar = useHeadToolbar<HTMLDivElement>();
  const rows = (list: readonly SystemChange[], label?: string) => (
    <LongList
      className="list rows"
      aria-label={label}
      items={list}
      getKey={(c) => c.id}
      estimateSize={CHANGE_ROW_HEIGHT}
      renderItem={(c, row) => <ChangeRow change={c} row={row} />}
    />
  );
  return (
    <section aria-label={t('changes.label')}>
      <div className="panel-toolbar" ref={toolbar}>
        <span className="item-meta">{t('changes.inPlace', { count: inPlace.length })}</span>
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
          {t('changes.log')}
        </button>
      </div>
      {changes.length === 0 && <p className="panel-empty">{t('changes.empty')}</p>}
      {rows(inPlace)}
      {/* What was undone no longer acts on production: it folds, the record keeps it. */}
      <Fold label={tc('changeState.rolled-back')} count={rolledBack.length}>
        {() => rows(rolledBack, t('changes.rolledBackGroup'))}
      </Fold>
      <LogChangeDialog open={open} onOpenChange={setOpen} />
    </section>
  );
}

/** One line per change: when · what · system · who · state, with "Rolled back" on hover or focus. */
function ChangeRow({ change: c, row }: { change: SystemChange; row: LongListRowProps }) {
  const t = useT('work');
  const display = useTimeDisplay();
  const people = useCollection('people');
  const run = useCommand();
  return (
    <li className="item row change-row" aria-label={t('changes.row', { description: c.description })} {...row}>
      <span className="mono row-time">{formatClockTime(c.at, display)}</span>
      <span className="row-title" title={c.description}>
        {c.description}
      </span>
      {/* Who made it is in the tooltip: the system is what the IC needs to tie a change to a symptom. */}
      <span className="row-meta" title={t('changes.madeBy', { name: people.find((p) => p.id === c.madeBy)?.name ?? t('someone') })}>
        <span className="row-who">{c.system}</span>
        {c.state === 'rolled-back' ? (
          <span className="ok-text">
            {c.rolledBackAt ? t('changes.rolledBackAt', { time: formatClockTime(c.rolledBackAt, display) }) : t('changes.rolledBack')}
          </span>
        ) : (
          <span className="warn-text">{t('changes.stillInPlace')}</span>
        )}
      </span>
      {c.state === 'applied' && (
        <div className="row-actions">
          <button
            type="button"
            className="btn btn-small"
            aria-label={t('changes.markRolledBackLabel', { description: c.description })}
            onClick={() => run((commands) => commands.markChangeRolledBack({ changeId: c.id }), { toastRefusal: true })}
          >
            {t('changes.markRolledBack')}
          </button>
        </div>
      )}
    </li>
  );
}

function LogChangeDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useT('work');
  const run = useCommand();
  const [description, setDescription] = useState('');
  const [system, setSystem] = useState('');
  const [when, setWhen] = useState('');
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('changes.dialog.title')}
      description={t('changes.dialog.description')}
      submitLabel={t('changes.dialog.submit')}
      onSubmit={() => {
        const time = whenFrom(when);
        if (typeof time === 'string') return time;
        return submitted(run((commands) => commands.logSystemChange({ description, system, ...time })));
      }}
      onClosed={() => {
        setDescription('');
        setSystem('');
        setWhen('');
      }}
    >
      <div className="field">
        <label htmlFor="change-description">{t('changes.dialog.what')}</label>
        <input id="change-description" className="input" value={description} onChange={(e) => setDescription(e.target.value)} autoFocus />
      </div>
      <div className="field">
        <label htmlFor="change-system">{t('changes.dialog.system')}</label>
        <input
          id="change-system"
          className="input"
          value={system}
          onChange={(e) => setSystem(e.target.value)}
          placeholder={t('changes.dialog.systemPlaceholder')}
        />
      </div>
      <WhenField id="change-when" label={t('changes.dialog.when')} value={when} onChange={setWhen} />
    </FormDialog>
  );
}
