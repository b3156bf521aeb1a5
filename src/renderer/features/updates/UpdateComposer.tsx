// The status update composer: a draft filled from the document for an audience and a template,
// edited by hand, then copied to other channels and posted (which restarts the update clock).
import { useEffect, useState } from 'react';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '@core/i18n';
import { UPDATE_AUDIENCES, UPDATE_TEMPLATES, type StatusUpdate, type UpdateAudience, type UpdateTemplate } from '@core/model';
import { composeStatusUpdate } from '@core/statusUpdates';
import { useClockZone, useTimeDisplay } from '../../i18n/clock';
import { useLanguage, useT } from '../../i18n';
import { useCollection, useCommand, useIncidentInfo } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';
import { Dialog } from '../../ui/Dialog';
import { FormError } from '../../ui/FormError';
import { formatDateTime } from '@core/time/instants';
import { copyText } from '../room/copyText';
import { usePolicy } from './usePolicy';
import './updates.css';

type Tab = 'compose' | 'posted';

export function UpdateComposer({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useT('updates');
  const tc = useT('common');
  const [tab, setTab] = useState<Tab>('compose');
  const updates = useCollection('updates');
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('composer.title')} wide>
      <div className="tabs updates-tabs" role="tablist" aria-label={t('composer.tabs')}>
        <button
          type="button"
          role="tab"
          id="updates-tab-compose"
          aria-controls="updates-tabpanel"
          aria-selected={tab === 'compose'}
          className="tab"
          onClick={() => setTab('compose')}
        >
          {t('composer.compose')}
        </button>
        <button
          type="button"
          role="tab"
          id="updates-tab-posted"
          aria-controls="updates-tabpanel"
          aria-selected={tab === 'posted'}
          className="tab"
          onClick={() => setTab('posted')}
        >
          {t('composer.posted', { n: String(updates.length) })}
        </button>
      </div>
      <div role="tabpanel" id="updates-tabpanel" aria-labelledby={tab === 'compose' ? 'updates-tab-compose' : 'updates-tab-posted'}>
        {tab === 'compose' ? (
          <ComposeForm onPosted={() => onOpenChange(false)} onCancel={() => onOpenChange(false)} />
        ) : (
          <>
            <PostedUpdates updates={updates} />
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={() => onOpenChange(false)}>
                {tc('action.close')}
              </button>
            </div>
          </>
        )}
      </div>
    </Dialog>
  );
}

/** The catalog language a UI language writes in (the pseudo-locale writes English). */
function writingLanguage(ui: string): Language {
  return isLanguage(ui) ? ui : 'en';
}

function ComposeForm({ onPosted, onCancel }: { onPosted: () => void; onCancel: () => void }) {
  const t = useT('updates');
  const tc = useT('common');
  const uiLanguage = useLanguage();
  const { zone } = useClockZone();
  const incident = useIncidentInfo();
  const people = useCollection('people');
  const roles = useCollection('roles');
  const tasks = useCollection('tasks');
  const hypotheses = useCollection('hypotheses');
  const timeline = useCollection('timeline');
  const updates = useCollection('updates');
  const policy = usePolicy();
  const run = useCommand();
  const showToast = useUiStore((s) => s.showToast);
  const ended = incident?.phase === 'resolved' || incident?.phase === 'closed';
  const [audience, setAudience] = useState<UpdateAudience>('internal');
  const [template, setTemplate] = useState<UpdateTemplate>(ended ? 'resolution' : updates.length === 0 ? 'initial' : 'update');
  // The readers' language, whatever this window shows: a customer update in the customers'.
  const [language, setLanguage] = useState<Language>(() => writingLanguage(uiLanguage));
  const [text, setText] = useState('');
  const [nextUpdateAt, setNextUpdateAt] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const regenerate = (forAudience = audience, forTemplate = template, forLanguage = language) => {
    if (!incident) return;
    // In the zone the room shows times in (its own or UTC): each time in the text names it.
    const draft = composeStatusUpdate(
      { incident, people, roles, tasks, hypotheses, timeline },
      { audience: forAudience, template: forTemplate, now: Date.now(), timeZone: zone, language: forLanguage, policy },
    );
    setText(draft.text);
    setNextUpdateAt(draft.nextUpdateAt);
    setCopied(false);
  };
  // The first draft once, when the composer opens; later changes come from Regenerate.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on open only; a re-run would replace what is being typed.
  useEffect(() => regenerate(), []);

  if (!incident) return null;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const outcome = run((commands) => commands.postStatusUpdate({ audience, template, text, nextDueAt: nextUpdateAt, language }));
        if (!outcome.ok) return setError(outcome.message);
        showToast(t('composer.postedToast', { audience: tc(`audience.${audience}`) }), 'info');
        onPosted();
      }}
    >
      <div className="form-row">
        <div className="field">
          <label htmlFor="update-audience">{t('composer.audience')}</label>
          <select
            id="update-audience"
            className="select"
            value={audience}
            aria-describedby="update-audience-hint"
            onChange={(e) => {
              const next = e.target.value as UpdateAudience;
              setAudience(next);
              regenerate(next, template);
            }}
          >
            {UPDATE_AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {tc(`audience.${a}`)}
              </option>
            ))}
          </select>
          <p className="field-hint" id="update-audience-hint">
            {t(`composer.audienceHint.${audience}`)}
          </p>
        </div>
        <div className="field">
          <label htmlFor="update-template">{t('composer.template')}</label>
          <select
            id="update-template"
            className="select"
            value={template}
            onChange={(e) => {
              const next = e.target.value as UpdateTemplate;
              setTemplate(next);
              regenerate(audience, next);
            }}
          >
            {UPDATE_TEMPLATES.map((name) => (
              <option key={name} value={name}>
                {tc(`template.${name}`)}
              </option>
            ))}
          </select>
          <p className="field-hint">{t('composer.templateHint')}</p>
        </div>
        <div className="field">
          <label htmlFor="update-language">{t('composer.language')}</label>
          <select
            id="update-language"
            className="select"
            value={language}
            aria-describedby="update-language-hint"
            onChange={(e) => {
              const next = writingLanguage(e.target.value);
              setLanguage(next);
              regenerate(audience, template, next);
            }}
          >
            {LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
          <p className="field-hint" id="update-language-hint">
            {t('composer.languageHint', { zone: zone === 'UTC' ? 'UTC' : zone })}
          </p>
        </div>
      </div>
      <div className="field">
        <label htmlFor="update-text">{t('composer.text')}</label>
        <textarea
          id="update-text"
          className="textarea update-text mono"
          lang={language}
          value={text}
          rows={10}
          onChange={(e) => {
            setText(e.target.value);
            setCopied(false);
          }}
        />
        <p className="field-hint">{t('composer.textHint')}</p>
      </div>
      <FormError message={error} />
      <div className="dialog-actions updates-actions">
        <button type="button" className="btn" onClick={() => regenerate()}>
          {t('composer.regenerate')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={async () => {
            const problem = await copyText(text);
            if (problem) showToast(problem);
            else setCopied(true);
          }}
        >
          {copied ? t('composer.copied') : t('composer.copy')}
        </button>
        <span className="spacer" />
        <button type="button" className="btn" onClick={onCancel}>
          {tc('action.cancel')}
        </button>
        <button type="submit" className="btn btn-primary">
          {t('composer.post')}
        </button>
      </div>
    </form>
  );
}

function PostedUpdates({ updates }: { updates: readonly StatusUpdate[] }) {
  const t = useT('updates');
  const tc = useT('common');
  const display = useTimeDisplay();
  const showToast = useUiStore((s) => s.showToast);
  if (updates.length === 0) return <p className="panel-empty">{t('composer.none')}</p>;
  return (
    <ul className="list posted-updates" aria-label={t('composer.list')}>
      {[...updates].reverse().map((update) => (
        <li
          key={update.id}
          className="posted-update"
          aria-label={t('composer.item', {
            audience: tc(`audience.${update.audience}`),
            time: formatDateTime(update.postedAt, display),
          })}
        >
          <div className="item-actions">
            <span className="chip">{tc(`audience.${update.audience}`)}</span>
            <span className="chip">{tc(`template.${update.template}`)}</span>
            {update.language ? (
              <span className="chip" lang={update.language}>
                {LANGUAGE_NAMES[update.language]}
              </span>
            ) : null}
            <span className="item-meta">
              {t('composer.meta', {
                time: formatDateTime(update.postedAt, display),
                name: update.postedByName,
                severity: update.severityAtPost,
              })}
            </span>
            <span className="spacer" />
            <button
              type="button"
              className="btn btn-small"
              onClick={async () => {
                const problem = await copyText(update.text);
                showToast(problem ?? t('composer.copiedPosted'), problem ? 'error' : 'info');
              }}
            >
              {t('composer.copyPosted')}
            </button>
          </div>
          <pre className="posted-update-text" lang={update.language ?? undefined}>
            {update.text}
          </pre>
        </li>
      ))}
    </ul>
  );
}
