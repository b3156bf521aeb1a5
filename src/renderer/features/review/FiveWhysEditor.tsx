// The five whys: each step's question and answer edited together live, reordered with buttons.
import { useState } from 'react';
import type { WhyStep } from '@core/model';
import { useCommand, useIncidentSession } from '../../state/incidentContext';
import { Dialog } from '../../ui/Dialog';
import { CollaborativeTextarea } from './CollaborativeTextarea';
import { useReview } from './useReview';

export function FiveWhysEditor() {
  const { fiveWhys } = useReview();
  const run = useCommand();
  const [removing, setRemoving] = useState<{ step: WhyStep; number: number } | null>(null);
  const remove = (whyId: string) => run((commands) => commands.removeWhy({ whyId }), { toastRefusal: true });
  return (
    <section className="review-block" aria-labelledby="five-whys-heading">
      <div className="review-block-head">
        <h3 id="five-whys-heading">Five whys</h3>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={() => run((commands) => commands.addWhy({}), { toastRefusal: true })}>
          Add a why
        </button>
      </div>
      <p className="field-hint">Each answer leads to the next question. Follow the conditions in systems and processes, not a person.</p>
      {fiveWhys.length === 0 && <p className="panel-empty">No whys yet.</p>}
      <ol className="whys" aria-label="Five whys">
        {fiveWhys.map((step, index) => (
          <WhyItem
            key={step.id}
            step={step}
            number={index + 1}
            last={index === fiveWhys.length - 1}
            onRemove={() => (step.question.trim() || step.answer.trim() ? setRemoving({ step, number: index + 1 }) : remove(step.id))}
          />
        ))}
      </ol>
      <Dialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={`Remove why ${removing?.number ?? ''}?`}
        description="Its question and answer are removed for everyone in the room."
      >
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => setRemoving(null)}>
            Keep it
          </button>
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => {
              if (removing) remove(removing.step.id);
              setRemoving(null);
            }}
          >
            Remove why
          </button>
        </div>
      </Dialog>
    </section>
  );
}

function WhyItem({ step, number, last, onRemove }: { step: WhyStep; number: number; last: boolean; onRemove: () => void }) {
  const run = useCommand();
  const { store } = useIncidentSession();
  const current = (key: 'question' | 'answer') => () => store.getReview().fiveWhys.find((w) => w.id === step.id)?.[key] ?? '';
  const save = (key: 'question' | 'answer') => (text: string) => {
    const input = key === 'question' ? { whyId: step.id, question: text } : { whyId: step.id, answer: text };
    const outcome = run((commands) => commands.editWhy(input));
    return outcome.ok ? null : outcome.message;
  };
  const move = (direction: 'up' | 'down') => run((commands) => commands.moveWhy({ whyId: step.id, direction }), { toastRefusal: true });
  const id = `why-${step.id}`;
  return (
    <li className="why" aria-label={`Why ${number}`}>
      <span className="why-number mono" aria-hidden="true">
        {number}
      </span>
      <div className="why-texts">
        <label className="field-label" htmlFor={`${id}-question`}>
          <span className="visually-hidden">Why {number} </span>Question
        </label>
        <CollaborativeTextarea
          id={`${id}-question`}
          className="textarea why-question"
          rows={1}
          placeholder="Why did this happen?"
          value={step.question}
          readCurrent={current('question')}
          onSave={save('question')}
        />
        <label className="field-label" htmlFor={`${id}-answer`}>
          <span className="visually-hidden">Why {number} </span>Answer
        </label>
        <CollaborativeTextarea
          id={`${id}-answer`}
          className="textarea why-answer"
          rows={2}
          placeholder="Because…"
          value={step.answer}
          readCurrent={current('answer')}
          onSave={save('answer')}
        />
      </div>
      <div className="why-actions">
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-label={`Move why ${number} up`}
          disabled={number === 1}
          onClick={() => move('up')}
        >
          ↑
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-label={`Move why ${number} down`}
          disabled={last}
          onClick={() => move('down')}
        >
          ↓
        </button>
        <button type="button" className="btn btn-ghost btn-small" aria-label={`Remove why ${number}`} onClick={onRemove}>
          ✕
        </button>
      </div>
    </li>
  );
}
