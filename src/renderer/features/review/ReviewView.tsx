// The post-incident review, written together: a draft generated from the document, the text
// fields and five whys edited live, the key timeline, the metrics and the follow-up actions.
import { REVIEW_FIELDS, type ReviewField } from '@core/model';
import { REVIEW_FIELD_LABELS, REVIEW_PROMPTS } from '@core/review';
import { useCommand, useIncidentSession } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';
import { FollowUpsPanel } from '../followups/FollowUpsPanel';
import { MetricsStrip } from '../metrics/MetricsStrip';
import { CollaborativeTextarea } from './CollaborativeTextarea';
import { FiveWhysEditor } from './FiveWhysEditor';
import { KeyTimelineList } from './KeyTimelineList';
import { useReview } from './useReview';
import './review.css';

const HINTS: Record<ReviewField, string> = {
  summary: 'What happened, how it was noticed, how service was restored.',
  impact: 'Who and what was affected, for how long, how badly.',
  rootCause: 'The conditions in systems and processes that made this possible, not a person to blame.',
  wentWell: 'What helped: signals, tools, practices worth keeping.',
  wentBadly: 'Where systems, tools or processes made this harder.',
  lessons: 'What we know now that we did not before.',
};

const ROWS: Record<ReviewField, number> = { summary: 4, impact: 3, rootCause: 5, wentWell: 3, wentBadly: 3, lessons: 3 };

function ReviewTextField({ field }: { field: ReviewField }) {
  const review = useReview();
  const { store } = useIncidentSession();
  const run = useCommand();
  const id = `review-${field}`;
  return (
    <div className="field review-field">
      <label htmlFor={id}>{REVIEW_FIELD_LABELS[field]}</label>
      <CollaborativeTextarea
        id={id}
        className="textarea"
        rows={ROWS[field]}
        aria-describedby={`${id}-hint`}
        placeholder={REVIEW_PROMPTS[field]}
        value={review[field]}
        readCurrent={() => store.getReview()[field]}
        onSave={(text) => {
          const outcome = run((commands) => commands.editReviewField({ field, text }));
          return outcome.ok ? null : outcome.message;
        }}
      />
      <span className="field-hint" id={`${id}-hint`}>
        {HINTS[field]}
      </span>
    </div>
  );
}

export function ReviewView() {
  const run = useCommand();
  const showToast = useUiStore((s) => s.showToast);
  const generate = () => {
    const outcome = run((commands) => commands.generateReviewDraft(), { toastRefusal: true });
    if (!outcome.ok) return;
    const parts = outcome.value.filled.length + (outcome.value.addedWhy ? 1 : 0);
    showToast(`Draft added to ${parts} empty part${parts === 1 ? '' : 's'} of the review; nothing anyone wrote was replaced.`, 'info');
  };
  const [before, after] = [REVIEW_FIELDS.slice(0, 3), REVIEW_FIELDS.slice(3)];
  return (
    <div className="review-view" role="tabpanel" id="view-review" aria-labelledby="view-tab-review">
      <div className="review-columns">
        <div className="review-main">
          <div className="review-head">
            <h2>Post-incident review</h2>
            <span className="spacer" />
            <button type="button" className="btn btn-primary" onClick={generate}>
              Generate draft
            </button>
          </div>
          <p className="field-hint review-intro">
            Everyone in the room edits this together; changes save as you type. The draft fills only empty parts and never replaces what
            someone wrote. Blameless: describe systems and conditions, not people.
          </p>
          {before.map((field) => (
            <ReviewTextField key={field} field={field} />
          ))}
          <FiveWhysEditor />
          {after.map((field) => (
            <ReviewTextField key={field} field={field} />
          ))}
        </div>
        <aside className="review-side" aria-label="From the incident">
          <section className="panel" aria-labelledby="review-metrics-heading">
            <div className="panel-head">
              <h2 id="review-metrics-heading">Metrics</h2>
            </div>
            <div className="panel-body">
              <MetricsStrip wide />
            </div>
          </section>
          <section className="panel" aria-labelledby="key-timeline-heading">
            <div className="panel-head">
              <h2 id="key-timeline-heading">Key timeline</h2>
            </div>
            <div className="panel-body">
              <KeyTimelineList />
            </div>
          </section>
          <section className="panel" aria-labelledby="action-items-heading">
            <div className="panel-head">
              <h2 id="action-items-heading">Action items</h2>
            </div>
            <div className="panel-body">
              <FollowUpsPanel />
            </div>
          </section>
        </aside>
      </div>
    </div>
  );
}
