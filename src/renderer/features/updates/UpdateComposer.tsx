// The status update composer: a draft filled from the document for an audience and a template,
// edited by hand, then copied to other channels and posted (which restarts the update clock).
import { useEffect, useState } from 'react';
import { UPDATE_AUDIENCES, UPDATE_TEMPLATES, type StatusUpdate, type UpdateAudience, type UpdateTemplate } from '@core/model';
import { AUDIENCE_LABELS, composeStatusUpdate, TEMPLATE_LABELS } from '@core/statusUpdates';
import { useCollection, useCommand, useIncidentInfo } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';
import { Dialog } from '../../ui/Dialog';
import { FormError } from '../../ui/FormError';
import { formatDateTime } from '@core/time/instants';
import { copyText } from '../room/copyText';
import { usePolicy } from './usePolicy';
import './updates.css';

const AUDIENCE_HINTS: Record<UpdateAudience, string> = {
  internal: 'Everything confirmed, with names, systems and actions.',
  executive: 'Short and plain: impact, progress, who leads.',
  customer: 'No names, no internal systems: what customers notice.',
};

type Tab = 'compose' | 'posted';

export function UpdateComposer({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const [tab, setTab] = useState<Tab>('compose');
  const updates = useCollection('updates');
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Status update" wide>
      <div className="tabs updates-tabs" role="tablist" aria-label="Status updates">
        <button
          type="button"
          role="tab"
          id="updates-tab-compose"
          aria-controls="updates-tabpanel"
          aria-selected={tab === 'compose'}
          className="tab"
          onClick={() => setTab('compose')}
        >
          Compose
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
          Posted updates ({updates.length})
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
                Close
              </button>
            </div>
          </>
        )}
      </div>
    </Dialog>
  );
}

function ComposeForm({ onPosted, onCancel }: { onPosted: () => void; onCancel: () => void }) {
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
  const [text, setText] = useState('');
  const [nextUpdateAt, setNextUpdateAt] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const regenerate = (forAudience = audience, forTemplate = template) => {
    if (!incident) return;
    const draft = composeStatusUpdate(
      { incident, people, roles, tasks, hypotheses, timeline },
      { audience: forAudience, template: forTemplate, now: Date.now(), timeZone: 'local', policy },
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
        const outcome = run((commands) => commands.postStatusUpdate({ audience, template, text, nextDueAt: nextUpdateAt }));
        if (!outcome.ok) return setError(outcome.message);
        showToast(`${AUDIENCE_LABELS[audience]} update posted to the timeline.`, 'info');
        onPosted();
      }}
    >
      <div className="form-row">
        <div className="field">
          <label htmlFor="update-audience">Audience</label>
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
                {AUDIENCE_LABELS[a]}
              </option>
            ))}
          </select>
          <p className="field-hint" id="update-audience-hint">
            {AUDIENCE_HINTS[audience]}
          </p>
        </div>
        <div className="field">
          <label htmlFor="update-template">Template</label>
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
            {UPDATE_TEMPLATES.map((t) => (
              <option key={t} value={t}>
                {TEMPLATE_LABELS[t]}
              </option>
            ))}
          </select>
          <p className="field-hint">Changing audience or template redraws the text.</p>
        </div>
      </div>
      <div className="field">
        <label htmlFor="update-text">Update text</label>
        <textarea
          id="update-text"
          className="textarea update-text mono"
          value={text}
          rows={16}
          onChange={(e) => {
            setText(e.target.value);
            setCopied(false);
          }}
        />
        <p className="field-hint">Filled from confirmed facts only: open hypotheses and notes never appear. Edit freely before posting.</p>
      </div>
      <FormError message={error} />
      <div className="dialog-actions updates-actions">
        <button type="button" className="btn" onClick={() => regenerate()}>
          Regenerate
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
          {copied ? 'Copied' : 'Copy to clipboard'}
        </button>
        <span className="spacer" />
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary">
          Post update
        </button>
      </div>
    </form>
  );
}

function PostedUpdates({ updates }: { updates: readonly StatusUpdate[] }) {
  const showToast = useUiStore((s) => s.showToast);
  if (updates.length === 0) return <p className="panel-empty">No status update has been posted yet.</p>;
  return (
    <ul className="list posted-updates" aria-label="Posted updates">
      {[...updates].reverse().map((update) => (
        <li
          key={update.id}
          className="posted-update"
          aria-label={`${AUDIENCE_LABELS[update.audience]} update posted ${formatDateTime(update.postedAt)}`}
        >
          <div className="item-actions">
            <span className="chip">{AUDIENCE_LABELS[update.audience]}</span>
            <span className="chip">{TEMPLATE_LABELS[update.template]}</span>
            <span className="item-meta">
              {formatDateTime(update.postedAt)} by {update.postedByName} · {update.severityAtPost}
            </span>
            <span className="spacer" />
            <button
              type="button"
              className="btn btn-small"
              onClick={async () => {
                const problem = await copyText(update.text);
                showToast(problem ?? 'Update copied to the clipboard.', problem ? 'error' : 'info');
              }}
            >
              Copy
            </button>
          </div>
          <pre className="posted-update-text">{update.text}</pre>
        </li>
      ))}
    </ul>
  );
}
