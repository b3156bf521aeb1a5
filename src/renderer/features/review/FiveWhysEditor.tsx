// The five whys: each step's question and answer edited together live, reordered with buttons.
import { useState } from 'react';
import type { WhyStep } from '@core/model';
import { useCommand, useIncidentSession } from '../../state/incidentContext';
import { Dialog } from '../../ui/Dialog';
import { CollaborativeTextarea } from './CollaborativeTextarea';
import { useReview } from './useReview';
import { useT } from '../../i18n';
import { withNodes } from '../warroom/richText';

export function FiveWhysEditor() {
  const t = useT('review');
  const { fiveWhys } = useReview();
  const run = useCommand();
  const [removing, setRemoving] = useState<{ step: WhyStep; number: number } | null>(null);
  const remove = (whyId: string) => run((commands) => commands.removeWhy({ whyId }), { toastRefusal: true });
  return (
    <section className="review-block" aria-labelledby="five-whys-heading">
      <div className="review-block-head">
        <h3 id="five-whys-heading">{t('whys.heading')}</h3>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={() => run((commands) => commands.addWhy({}), { toastRefusal: true })}>
          {t('whys.add')}
        </button>
      </div>
      <p className="field-hint">{t('whys.hint')}</p>
      {fiveWhys.length === 0 && <p className="panel-empty">{t('whys.empty')}</p>}
      <ol className="whys" aria-label={t('whys.heading')}>
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
        title={t('whys.removeTitle', { n: removing?.number ?? 0 })}
        description={t('whys.removeDescription')}
      >
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => setRemoving(null)}>
            {t('whys.keep')}
          </button>
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => {
              if (removing) remove(removing.step.id);
              setRemoving(null);
            }}
          >
            {t('whys.remove')}
          </button>
        </div>
      </Dialog>
    </section>
  );
}

function WhyItem({ step, number, last, onRemove }: { step: WhyStep; number: number; last: boolean; onRemove: () => void }) {
  const t = useT('review');
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
    <li className="why" aria-label={t('whys.why', { n: number })}>
      <span className="why-number mono" aria-hidden="true">
        {number}
      </span>
      <div className="why-texts">
        <label className="field-label" htmlFor={`${id}-question`}>
          {withNodes((slots) => t('whys.question', { why: slots.why }), {
            why: <span className="visually-hidden">{t('whys.why', { n: number })} </span>,
          })}
        </label>
        <CollaborativeTextarea
          id={`${id}-question`}
          className="textarea why-question"
          rows={1}
          placeholder={t('whys.questionPlaceholder')}
          value={step.question}
          readCurrent={current('question')}
          onSave={save('question')}
        />
        <label className="field-label" htmlFor={`${id}-answer`}>
          {withNodes((slots) => t('whys.answer', { why: slots.why }), {
            why: <span className="visually-hidden">{t('whys.why', { n: number })} </span>,
          })}
        </label>
        <CollaborativeTextarea
          id={`${id}-answer`}
          className="textarea why-answer"
          rows={2}
          placeholder={t('whys.answerPlaceholder')}
          value={step.answer}
          readCurrent={current('answer')}
          onSave={save('answer')}
        />
      </div>
      <div className="why-actions">
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-label={t('whys.moveUp', { n: number })}
          disabled={number === 1}
          onClick={() => move('up')}
        >
          ↑
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-label={t('whys.moveDown', { n: number })}
          disabled={last}
          onClick={() => move('down')}
        >
          ↓
        </button>
        <button type="button" className="btn btn-ghost btn-small" aria-label={t('whys.removeLabel', { n: number })} onClick={onRemove}>
          ✕
        </button>
      </div>
    </li>
  );
}
