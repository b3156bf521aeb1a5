// First run: the name shown on everything you record. Stored on this laptop only.
import { useState } from 'react';
import * as RadixDialog from '@radix-ui/react-dialog';
import { FormError } from '../../ui/FormError';

export function ProfileDialog({ onSave }: { onSave: (displayName: string) => Promise<string | null> }) {
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
          <RadixDialog.Title className="dialog-title">Welcome to Sitrep</RadixDialog.Title>
          <RadixDialog.Description className="dialog-description">
            What should others see as your name? It is attached to everything you record. It stays on this laptop and in the incidents you
            join.
          </RadixDialog.Description>
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              setError(await onSave(name));
            }}
          >
            <div className="field">
              <label htmlFor="profile-name">Your name</label>
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
                Continue
              </button>
            </div>
          </form>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
