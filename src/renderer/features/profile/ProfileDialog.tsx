// First run: the name shown on everything you record. Stored on this laptop only.
import { useState } from 'react';
import * as RadixDialog from '@radix-ui/react-dialog';
import { useT } from '../../i18n';
import { FormError } from '../../ui/FormError';

export function ProfileDialog({ onSave }: { onSave: (displayName: string) => Promise<string | null> }) {
  const t = useT('app');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <RadixDialog.Root open>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content
          className="dialog-content"
          onEscapeKeyDown={(e) => e.preventDefault()}
          onPointerDownOutside={(e) => e.preventDefault()}
        >
          <RadixDialog.Title className="dialog-title">{t('profile.title')}</RadixDialog.Title>
          <RadixDialog.Description className="dialog-description">{t('profile.description')}</RadixDialog.Description>
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              setError(await onSave(name));
            }}
          >
            <div className="field">
              <label htmlFor="profile-name">{t('profile.nameLabel')}</label>
              <input
                id="profile-name"
                className="input"
                value={name}
                onChange={(e) => setName(e.target.value)}
                autoFocus
                autoComplete="name"
              />
            </div>
            <FormError message={error} />
            <div className="dialog-actions">
              <button type="submit" className="btn btn-primary">
                {t('profile.continue')}
              </button>
            </div>
          </form>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
