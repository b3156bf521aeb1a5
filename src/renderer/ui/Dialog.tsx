// The one dialog wrapper: Radix handles focus trapping, Escape, and aria wiring; Ctrl+Enter
// (Cmd+Enter) submits the dialog's form from anywhere in it, Enter in a textarea stays a new line.
import * as RadixDialog from '@radix-ui/react-dialog';
import type { KeyboardEvent, ReactNode } from 'react';

const SUBMITTERS = 'button[type="submit"], button:not([type]), input[type="submit"]';

/** Ctrl/Cmd+Enter: submits the form holding focus, else the dialog's only form, through its submit button. */
export function submitOnModEnter(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.altKey || event.nativeEvent.isComposing) return;
  const target = event.target as HTMLElement;
  const forms = event.currentTarget.querySelectorAll('form');
  const form = target.closest('form') ?? (forms.length === 1 ? forms[0]! : null);
  if (!form || !event.currentTarget.contains(form)) return;
  event.preventDefault();
  const submitters = [...form.querySelectorAll<HTMLButtonElement | HTMLInputElement>(SUBMITTERS)].filter((b) => b.form === form);
  // A disabled submit button (busy, or waiting for a confirmation) means the form is not ready: do as a click would.
  const submitter = submitters.find((b) => !b.disabled);
  if (submitters.length > 0 && !submitter) return;
  form.requestSubmit(submitter ?? null);
}

export interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  children: ReactNode;
  wide?: boolean;
}

export function Dialog({ open, onOpenChange, title, description, children, wide }: DialogProps) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content
          className="dialog-content"
          style={wide ? { width: 'min(720px, calc(100vw - 32px))' } : undefined}
          {...(description ? {} : { 'aria-describedby': undefined })}
          onKeyDown={submitOnModEnter}
        >
          <RadixDialog.Title className="dialog-title">{title}</RadixDialog.Title>
          {description ? <RadixDialog.Description className="dialog-description">{description}</RadixDialog.Description> : null}
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

export const DialogClose = RadixDialog.Close;
