// Ctrl+K / Cmd+K: every action that can run here, searchable, recently run ones first. cmdk does
// the list, the fuzzy filter and the arrow keys; Radix the dialog (focus trap, Escape).
import * as RadixDialog from '@radix-ui/react-dialog';
import { Command, defaultFilter } from 'cmdk';
import { useEffect, useMemo, useRef, useState } from 'react';
import { translator } from '@core/i18n';
import { uiI18n, useT } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { ACTION_GROUPS, ACTIONS, isMac, paletteSections, WAR_ROOM_GROUP_ORDER } from './actions';
import { actionRegistry, useRegistryVersion } from './registry';
import { loadRecent, saveRecent } from './recent';
import './commands.css';

export function CommandPalette() {
  const t = useT('palette');
  const tc = useT('common');
  const open = useUiStore((s) => s.paletteOpen);
  const setOpen = useUiStore((s) => s.setPaletteOpen);
  const version = useRegistryVersion();
  const inWarRoom = useUiStore((s) => s.screen.name === 'warroom');
  const [recent, setRecent] = useState<string[]>(loadRecent);
  const [search, setSearch] = useState('');
  // What was chosen runs once the palette has closed, so the dialog it opens or the field it
  // focuses is not fighting the palette for focus.
  const pending = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (!open) return;
    setRecent(loadRecent());
    setSearch('');
  }, [open]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes whenever what can run changes; the registry is read inside.
  const sections = useMemo(
    () =>
      paletteSections(
        ACTIONS,
        (id) => {
          const registration = actionRegistry.get(id);
          return registration ? { unavailable: registration.unavailable } : null;
        },
        recent,
        tc,
        5,
        isMac(),
        inWarRoom ? WAR_ROOM_GROUP_ORDER : ACTION_GROUPS,
        translator('en'),
      ),
    [version, recent, inWarRoom, tc],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above.
  const data = useMemo(() => actionRegistry.data(), [version]);
  const recentLabels = useMemo(
    () => new Set(sections.find((s) => s.group === 'recent')?.items.map((i) => i.label.toLowerCase()) ?? []),
    [sections],
  );

  const choose = (run: () => void) => {
    pending.current = run;
    setOpen(false);
  };

  return (
    <RadixDialog.Root open={open} onOpenChange={setOpen}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay palette-overlay" />
        <RadixDialog.Content
          className="palette"
          aria-describedby={undefined}
          onCloseAutoFocus={(event) => {
            const run = pending.current;
            pending.current = null;
            if (!run) return;
            // Focus goes where the action puts it, not back to what had it before the palette.
            event.preventDefault();
            run();
          }}
        >
          <RadixDialog.Title className="visually-hidden">{t('title')}</RadixDialog.Title>
          <Command
            // cmdk names its search field with this label.
            label={t('searchLabel')}
            loop
            vimBindings={false}
            filter={(value, query, keywords) => {
              const score = defaultFilter(value, query, keywords);
              // Recently run actions rank a little higher among equal matches.
              return score > 0 && recentLabels.has(value.toLowerCase()) ? Math.min(1, score + 0.05) : score;
            }}
          >
            <Command.Input className="palette-input" placeholder={t('placeholder')} value={search} onValueChange={setSearch} />
            <Command.List className="palette-list" label={t('listLabel')}>
              <Command.Empty className="palette-empty">{t('empty', { search })}</Command.Empty>
              {sections.map((section) => (
                <Command.Group key={section.heading} heading={section.heading} className="palette-group">
                  {section.items.map((item) => (
                    <Command.Item
                      key={item.id}
                      value={item.label}
                      keywords={[...item.keywords]}
                      disabled={item.unavailable !== null}
                      className="palette-item"
                      onSelect={() => choose(() => runFromPalette(item.id, setRecent))}
                    >
                      <span className="palette-label">{item.label}</span>
                      {item.unavailable && <span className="palette-reason">{item.unavailable}</span>}
                      {item.shortcut && (
                        <kbd className="palette-kbd" aria-label={t('shortcut', { keys: item.shortcut })}>
                          {item.shortcut}
                        </kbd>
                      )}
                    </Command.Item>
                  ))}
                </Command.Group>
              ))}
              {data.map((source) => (
                <Command.Group key={source.heading} heading={source.heading} className="palette-group">
                  {source.items.map((item, index) => (
                    <Command.Item
                      key={item.key}
                      // Two incidents may share a title: the invisible ordinal keeps each value distinct for cmdk.
                      value={`${item.label}\u2063${index}`}
                      keywords={[...item.keywords]}
                      // A title from the document may be longer than the row: it ends in an ellipsis, whole on hover.
                      className="palette-item palette-data"
                      title={item.label}
                      onSelect={() => choose(item.run)}
                    >
                      <span className="palette-label">
                        {item.quoted ? (
                          <>
                            {item.quoted.before}
                            <bdi>{item.quoted.text}</bdi>
                            {item.quoted.after}
                          </>
                        ) : (
                          item.label
                        )}
                      </span>
                      {(item.detail ?? item.keywords.join(' · ')) !== '' && (
                        <span className="palette-reason">{item.detail ?? item.keywords.join(' · ')}</span>
                      )}
                    </Command.Item>
                  ))}
                </Command.Group>
              ))}
            </Command.List>
          </Command>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

function runFromPalette(id: string, setRecent: (recent: string[]) => void): void {
  setRecent(saveRecent(id));
  if (!actionRegistry.run(id)) {
    // It stopped applying while the palette closed (its panel unmounted): say so rather than do nothing silently.
    useUiStore.getState().showToast(uiI18n().t('palette:notAvailable'), 'info');
  }
}
