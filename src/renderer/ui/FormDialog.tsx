// A dialog holding one form: shows the refusal message inline and closes only on success.
import { useState, type ReactNode } from 'react';
import { useT } from '../i18n';
import { Dialog } from './Dialog';
import { FormError } from './FormError';

/** What a submit handler returns: true when done, or the message to show. */
export type SubmitResult = true | string;

export interface FormDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  submitLabel: string;
  onSubmit: () => SubmitResult | Promise<SubmitResult>;
  /** Called after the dialog closes, to clear the form's fields. */
  onClosed?: () => void;
  children: ReactNode;
  wide?: boolean;
  /** The submit button deletes something for good: it is drawn as a danger button. */
  destructive?: boolean;
  /** Keeps the submit button disabled (until a confirmation is typed, say). */
  submitDisabled?: boolean;
}

export function FormDialog({
  open,
  onOpenChange,
  title,
  description,
  submitLabel,
  onSubmit,
  onClosed,
  children,
  wide,
  destructive,
  submitDisabled,
}: FormDialogProps) {
  const t = useT('common');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setError(null);
    onOpenChange(false);
    onClosed?.();
  };
  return (
    <Dialog open={open} onOpenChange={(o) => (o ? onOpenChange(true) : close())} title={title} description={description} wide={wide}>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          try {
            const result = await onSubmit();
            if (result === true) close();
            else setError(result);
          } finally {
            setBusy(false);
          }
        }}
      >
        {children}
        <FormError message={error} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={close}>
            {t('action.cancel')}
          </button>
          <button type="submit" className={`btn ${destructive ? 'btn-destructive' : 'btn-primary'}`} disabled={busy || submitDisabled}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Turns a command outcome into what FormDialog expects. */
export function submitted(outcome: { ok: true } | { ok: false; message: string }): SubmitResult {
  return outcome.ok ? true : outcome.message;
}
