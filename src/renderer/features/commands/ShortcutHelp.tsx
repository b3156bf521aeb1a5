// "?" or F1: every shortcut, grouped, read from the same declaration the palette and the keys use.
import { useId } from 'react';
import { useLanguage, useT } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { Dialog } from '../../ui/Dialog';
import { ACTIONS, helpSections } from './actions';
import './commands.css';

export function ShortcutHelp() {
  const open = useUiStore((s) => s.shortcutHelpOpen);
  const setOpen = useUiStore((s) => s.setShortcutHelpOpen);
  const ids = useId();
  const t = useT('palette');
  const tc = useT('common');
  const language = useLanguage();
  if (!open) return null;
  const sections = helpSections(ACTIONS, tc);
  const either = new Intl.ListFormat(language, { type: 'disjunction' });
  return (
    <Dialog open={open} onOpenChange={setOpen} title={t('help.title')} description={t('help.description')} wide>
      <div className="shortcut-help">
        {sections.map((section, index) => (
          <section key={section.heading} className="shortcut-group" aria-labelledby={`${ids}-${index}`}>
            <h3 id={`${ids}-${index}`}>{section.heading}</h3>
            <ul aria-labelledby={`${ids}-${index}`}>
              {section.rows.map((row) => (
                <li key={row.label} aria-label={t('help.row', { label: row.label, keys: either.format(row.keys) })}>
                  <span>{row.label}</span>
                  <span className="shortcut-keys" aria-hidden="true">
                    {row.keys.map((key) => (
                      <kbd key={key}>{key}</kbd>
                    ))}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={() => setOpen(false)}>
          {tc('action.close')}
        </button>
      </div>
    </Dialog>
  );
}
