// Transient messages: command failures and storage problems, announced to screen readers.
import { useT } from '../i18n';
import { useUiStore } from '../state/uiStore';

export function Toasts() {
  const t = useT('app');
  const toasts = useUiStore((s) => s.toasts);
  const dismiss = useUiStore((s) => s.dismissToast);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast ${toast.tone}`}>
          <span>{toast.message}</span>{' '}
          <button type="button" className="btn btn-ghost btn-small" aria-label={t('toasts.dismiss')} onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
