// The post-incident review, written together: a draft generated from the document, the text
// fields and five whys edited live, the key timeline, the metrics and the follow-up actions.
import { REVIEW_FIELDS, type ReviewField } from '@core/model';
import { useCommand, useIncidentSession } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';
import { FollowUpsPanel } from '../followups/FollowUpsPanel';
import { MetricsStrip } from '../metrics/MetricsStrip';
import { CollaborativeTextarea } from './CollaborativeTextarea';
import { FiveWhysEditor } from './FiveWhysEditor';
import { KeyTimelineList } from './KeyTimelineList';
import { useReview } from './useReview';
import { useT } from '../../i18n';
import './review.css';

const ROWS: Record<ReviewField, number> = { summary: 4, impact: 3, rootCause: 5, wentWell: 3, wentBadly: 3, lessons: 3 };

function ReviewTextField({ field }: { field: ReviewField }) {
  const t = useT('review');
  const tc = useT('common');
  const review = useReview();
  const { store } = useIncidentSession();
  const run = useCommand();
  const id = `review-${field}`;
  return (
    <div className="field review-field">
      <label htmlFor={id}>{tc(`reviewField.${field}`)}</label>
      <CollaborativeTextarea
        id={id}
        className="textarea"
        rows={ROWS[field]}
        aria-describedby={`${id}-hint`}
        placeholder={t(`prompt.${field}`)}
        value={review[field]}
        readCurrent={() => store.getReview()[field]}
        onSave={(text) => {
          const outcome = run((commands) => commands.editReviewField({ field, text }));
          return outcome.ok ? null : outcome.message;
        }}
      />
      <span className="field-hint" id={`${id}-hint`}>
        {t(`hint.${field}`)}
      </span>
    </div>
  );
}

export function ReviewView() {
  const t = useT('review');
  const run = useCommand();
  const showToast = useUiStore((s) => s.showToast);
  const generate = () => {
    const outcome = run((commands) => commands.generateReviewDraft(), { toastRefusal: true });
    if (!outcome.ok) return;
    const parts = outcome.value.filled.length + (outcome.value.addedWhy ? 1 : 0);
    showToast(t('draftAdded', { count: parts }), 'info');
  };
  const [before, after] = [REVIEW_FIELDS.slice(0, 3), REVIEW_FIELDS.slice(3)];
  return (
    <div className="review-view" role="tabpanel" id="view-review" aria-labelledby="view-tab-review">
      <div className="review-columns">
        <div className="review-main">
          <div className="review-head">
            <h2>{t('heading')}</h2>
            <span className="spacer" />
            <button type="button" className="btn btn-primary" onClick={generate}>
              {t('generate')}
            </button>
          </div>
          <p className="field-hint review-intro">{t('intro')}</p>
          {before.map((field) => (
            <ReviewTextField key={field} field={field} />
          ))}
          <FiveWhysEditor />
          {after.map((field) => (
            <ReviewTextField key={field} field={field} />
          ))}
        </div>
        <aside className="review-side" aria-label={t('side')}>
          <section className="panel" aria-labelledby="review-metrics-heading">
            <div className="panel-head">
              <h2 id="review-metrics-heading">{t('metrics')}</h2>
            </div>
            <div className="panel-body">
              <MetricsStrip wide />
            </div>
          </section>
          <section className="panel" aria-labelledby="key-timeline-heading">
            <div className="panel-head">
              <h2 id="key-timeline-heading">{t('keyTimeline.heading')}</h2>
            </div>
            <div className="panel-body">
              <KeyTimelineList />
            </div>
          </section>
          <section className="panel" aria-labelledby="action-items-heading">
            <div className="panel-head">
              <h2 id="action-items-heading">{t('actionItems')}</h2>
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
