// The incident commander removes someone from the room: they are marked as left and the room gets
// a new key, which reaches the laptops still in the room and never the removed person's.
import { useState } from 'react';
import { CommandError } from '@core/commands';
import { useIncidentSession } from '../../state/incidentContext';
import { refusalMessage } from '../../state/incidentCommands';
import { useT } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { FormDialog } from '../../ui/FormDialog';

export function RemoveParticipantDialog({
  person,
  onOpenChange,
}: {
  person: { id: string; name: string } | null;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useT('app');
  const { network } = useIncidentSession();
  const showToast = useUiStore((s) => s.showToast);
  const [shown, setShown] = useState(person);
  // Keeps the name while the dialog animates closed.
  if (person && person !== shown) setShown(person);
  const name = shown?.name ?? '';
  return (
    <FormDialog
      open={person !== null}
      onOpenChange={onOpenChange}
      title={t('remove.title', { name })}
      description={t('remove.description', { name })}
      submitLabel={t('remove.submit', { name })}
      destructive
      onSubmit={async () => {
        if (!shown) return true;
        try {
          const result = await network.removeParticipant(shown.id);
          const moved = result?.sentTo.length ?? 0;
          const unidentified = result?.unidentified.length ?? 0;
          const removed =
            moved > 0 ? t('remove.removedSent', { name: shown.name, moved }) : t('remove.removedNobody', { name: shown.name });
          // Two whole sentences, the second only when some laptops were left out; each language
          // joins sentences its own way (a space in English and Russian, none in Japanese and Chinese).
          showToast(
            unidentified > 0
              ? t('remove.withUnidentified', { removed, unidentified: t('remove.unidentified', { count: unidentified }) })
              : removed,
            'info',
          );
          return true;
        } catch (error) {
          if (error instanceof CommandError) return refusalMessage(error);
          console.error('Sitrep: removing a participant failed', error);
          return t('remove.rekeyFailed', { error: error instanceof Error ? error.message : String(error) });
        }
      }}
    >
      <p className="item-meta">{t('remove.letBack', { name })}</p>
    </FormDialog>
  );
}
