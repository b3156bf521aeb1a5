// On a laptop whose person the commander removed: the room went quiet for a reason, and says so.
import { useT } from '../../i18n';
import { useCollection, useIncidentSession } from '../../state/incidentContext';

export function RemovedNotice() {
  const t = useT('app');
  const { me } = useIncidentSession();
  const people = useCollection('people');
  const timeline = useCollection('timeline');
  const mine = people.find((p) => p.id === me.id);
  if (mine?.status !== 'left') return null;
  const removal = timeline.findLast((e) => e.event === 'person.removed' && e.subject?.collection === 'people' && e.subject.id === me.id);
  if (!removal) return null;
  return (
    <p className="removed-notice" role="alert">
      {t('identity.removedNotice', { name: removal.authorName })}
    </p>
  );
}
