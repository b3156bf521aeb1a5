// Handing over command, step one: choose the incoming commander, agree exit criteria, and
// offer command with a generated (editable) briefing. Command moves when they accept. Someone
// who is not the commander gets the Assume command dialog instead.
import { useEffect, useState } from 'react';
import { composeHandoffBriefing } from '@core/handoffBriefing';
import { useCollection, useCommand, useIncidentSession } from '../../state/incidentContext';
import { AssumeCommandDialog } from '../authority/AssumeCommandDialog';
import { FormDialog, submitted } from '../../ui/FormDialog';
import { usePolicy } from '../updates/usePolicy';
import { PersonSelect } from './PersonSelect';
import { useBriefingSource } from './useBriefingSource';
import { useT } from '../../i18n';
import './handoff.css';

export function OfferCommandDialog(props: { open: boolean; onOpenChange: (open: boolean) => void; currentIc: string | null }) {
  const { me } = useIncidentSession();
  const people = useCollection('people');
  const t = useT('work');
  // Only the commander hands command over; anyone else takes it openly, with a reason.
  if (props.currentIc !== null && props.currentIc !== me.id) {
    const name = people.find((person) => person.id === props.currentIc)?.name ?? t('handoff.theCommander');
    return <AssumeCommandDialog open={props.open} onOpenChange={props.onOpenChange} currentIcName={name} />;
  }
  return <HandOverDialog {...props} />;
}

function HandOverDialog({
  open,
  onOpenChange,
  currentIc,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  currentIc: string | null;
}) {
  const t = useT('work');
  const run = useCommand();
  const source = useBriefingSource();
  const policy = usePolicy();
  const [personId, setPersonId] = useState('');
  const [exitCriteria, setExitCriteriaText] = useState('');
  // The briefing follows the room until the outgoing commander edits it by hand.
  const [draft, setDraft] = useState<string | null>(null);
  const [writtenAt, setWrittenAt] = useState(() => Date.now());
  const storedCriteria = source?.incident.exitCriteria ?? '';

  // biome-ignore lint/correctness/useExhaustiveDependencies: on open only (see below).
  useEffect(() => {
    if (!open) return;
    setExitCriteriaText(storedCriteria);
    setWrittenAt(Date.now());
    // Only when the dialog opens: later edits by peers must not overwrite what is being typed.
  }, [open]);

  if (!source) return null;
  const generated = composeHandoffBriefing(
    { ...source, incident: { ...source.incident, exitCriteria: exitCriteria.trim() } },
    policy,
    writtenAt,
  );
  const briefing = draft ?? generated;
  const missingCriteria = storedCriteria === '';

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      wide
      title={t('handoff.dialog.title')}
      description={t('handoff.dialog.description')}
      submitLabel={t('handoff.dialog.submit')}
      onSubmit={() => {
        if (!personId) return t('handoff.dialog.chooseWho');
        if (exitCriteria.trim() !== storedCriteria) {
          const saved = run((commands) => commands.setExitCriteria({ exitCriteria }));
          if (!saved.ok) return saved.message;
        }
        return submitted(run((commands) => commands.offerCommand({ toPersonId: personId, briefing })));
      }}
      onClosed={() => {
        setPersonId('');
        setDraft(null);
      }}
    >
      <div className="field">
        <label htmlFor="handover-person">{t('handoff.dialog.incoming')}</label>
        <PersonSelect id="handover-person" value={personId} onChange={setPersonId} exclude={currentIc} />
      </div>
      <div className="field">
        <label htmlFor="handover-exit-criteria">{t('handoff.dialog.exitCriteria')}</label>
        <textarea
          id="handover-exit-criteria"
          className="textarea handoff-criteria"
          value={exitCriteria}
          onChange={(e) => setExitCriteriaText(e.target.value)}
          placeholder={t('handoff.dialog.exitCriteriaPlaceholder')}
          aria-describedby={missingCriteria ? 'handover-exit-criteria-hint' : undefined}
        />
        {missingCriteria && (
          <span id="handover-exit-criteria-hint" className="field-hint warn-text">
            {t('handoff.dialog.exitCriteriaMissing')}
          </span>
        )}
      </div>
      <div className="field">
        <div className="handoff-briefing-label">
          <label htmlFor="handover-briefing">{t('handoff.dialog.briefing')}</label>
          <span className="spacer" />
          {draft !== null && <span className="field-hint">{t('handoff.dialog.edited')}</span>}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setDraft(null);
              setWrittenAt(Date.now());
            }}
          >
            {t('handoff.dialog.regenerate')}
          </button>
        </div>
        <textarea
          id="handover-briefing"
          className="textarea mono handoff-briefing-text"
          value={briefing}
          onChange={(e) => setDraft(e.target.value)}
          rows={16}
          spellCheck={false}
        />
      </div>
    </FormDialog>
  );
}
