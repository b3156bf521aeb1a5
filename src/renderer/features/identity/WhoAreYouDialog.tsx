// "Who are you in this incident?": asked once on a laptop that joined a room, when the incident
// has arrived. Picking a person the IC already added links this laptop to them (one person, any
// number of laptops); otherwise the user adds themselves. Until then this laptop writes nothing.
import { useId, useState } from 'react';
import { CommandError, nameKey } from '@core/commands';
import { currentTenuresOf } from '@core/selectors';
import { useCollection, useIncidentSession } from '../../state/incidentContext';
import { refusalMessage } from '../../state/incidentCommands';
import { Dialog } from '../../ui/Dialog';
import { FormError } from '../../ui/FormError';
import { useNetwork } from '../room/useNetwork';
import { useT } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import './identity.css';

const NEW_PERSON = '';

/** Shown while the network says this laptop must choose; it cannot be dismissed without a choice. */
export function WhoAreYouDialog() {
  const { identity } = useNetwork();
  if (identity.kind !== 'choose') return null;
  return <WhoAreYouForm suggestedName={identity.suggestedName} />;
}

function WhoAreYouForm({ suggestedName }: { suggestedName: string }) {
  const t = useT('app');
  const tc = useT('common');
  const { network } = useIncidentSession();
  const people = useCollection('people');
  const roles = useCollection('roles');
  const offered = people.filter((p) => p.status !== 'left');
  // Someone already added under the profile's name is most likely this user: choose them first.
  const sameName = offered.find((p) => nameKey(p.name) === nameKey(suggestedName));
  const [choice, setChoice] = useState<string>(sameName?.id ?? NEW_PERSON);
  const [name, setName] = useState(suggestedName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameId = useId();
  const goHome = useUiStore((s) => s.goHome);
  const chosen = offered.find((p) => p.id === choice);
  // A refusal was about the previous choice.
  const choose = (next: string) => {
    setChoice(next);
    setError(null);
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (chosen) await network.joinAs(chosen.id);
      else await network.joinAsNewPerson(name);
    } catch (caught) {
      // A refusal (a name already taken, someone who left) is for the user; anything else is a fault, also logged.
      if (!(caught instanceof CommandError)) console.error('Sitrep: could not record who you are', caught);
      // The refusal in the reader's language (its message stays English, for logs).
      setError(
        caught instanceof CommandError
          ? refusalMessage(caught)
          : t('identity.failed', { error: caught instanceof Error ? caught.message : String(caught) }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    // Not dismissable: this laptop must not write anything before it is someone in the roster.
    <Dialog open onOpenChange={() => undefined} title={t('identity.title')} description={t('identity.description')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset className="identity-choices">
          <legend className="visually-hidden">{t('identity.legend')}</legend>
          {offered.map((person) => {
            const held = currentTenuresOf(roles, person.id).map((tenure) =>
              tenure.role === 'incident-commander' ? t('identity.icShort') : tc(`role.${tenure.role}`),
            );
            return (
              <label key={person.id} className={`identity-choice ${choice === person.id ? 'is-chosen' : ''}`}>
                <input
                  type="radio"
                  name="identity"
                  value={person.id}
                  aria-label={person.name}
                  checked={choice === person.id}
                  onChange={() => choose(person.id)}
                />
                <span className="identity-name">{person.name}</span>
                {held.length > 0 && <span className="faint identity-roles">{held.join(t('listSeparator'))}</span>}
              </label>
            );
          })}
          <label className={`identity-choice ${choice === NEW_PERSON ? 'is-chosen' : ''}`}>
            <input type="radio" name="identity" value="" checked={choice === NEW_PERSON} onChange={() => choose(NEW_PERSON)} />
            <span className="identity-name">{t('identity.addMe')}</span>
          </label>
        </fieldset>
        {choice === NEW_PERSON && (
          <div className="field">
            <label htmlFor={nameId}>{t('identity.nameLabel')}</label>
            <input id={nameId} className="input" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
          </div>
        )}
        <FormError message={error} />
        <div className="dialog-actions">
          {/* The way out without choosing: the incident stays in the list, and asks again when opened. */}
          <button type="button" className="btn" onClick={goHome}>
            {t('identity.backToIncidents')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {chosen ? t('identity.joinAs', { name: chosen.name }) : t('identity.addMeSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * Changes when this laptop becomes someone in the roster: the war room keys its content by it, so
 * everything that reads "me" renders again as the person chosen.
 */
export function useIdentityKey(): string {
  const { identity } = useNetwork();
  return identity.kind === 'settled' ? `person:${identity.personId}` : identity.kind;
}
