// Attachments in the war room: thumbnails under a timeline entry, the full-size viewer, the
// Attach button on an entry, and the files waiting to go with a quick entry (picked, pasted or
// dropped). A file this computer does not have yet says it is waiting for it from peers.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ClipboardEvent, type DragEvent } from 'react';
import { type AttachmentMeta, extensionOf, formatBytes, isInlineImage } from '@core/attachments';
import type { TimelineEntry } from '@core/model';
import { useServices } from '../../app/services';
import { useCommand, useIncidentSession } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';
import { Dialog } from '../../ui/Dialog';
import { ATTACHMENTS_CHANNEL, attachmentsOf, type IncidentAttachments } from './incidentAttachments';
import { useT } from '../../i18n';
import './attachments.css';

export function useIncidentAttachments(): IncidentAttachments {
  const session = useIncidentSession();
  const { library } = useServices();
  return attachmentsOf(session, library.attachments);
}

/** Re-renders when a file is stored or a transfer moves. */
function useAttachmentsVersion(runtime: IncidentAttachments): number {
  return useSyncExternalStore(
    useCallback((onChange) => runtime.subscribe(onChange), [runtime]),
    () => runtime.snapshot(),
  );
}

/** Runs the peer sync of attachments while the war room shows the timeline, on the room's current channel. */
export function useAttachmentSync(): void {
  const session = useIncidentSession();
  const runtime = useIncidentAttachments();
  const channel = useSyncExternalStore(
    useCallback((onChange) => session.network.subscribe(onChange), [session]),
    () => session.network.appChannel(ATTACHMENTS_CHANNEL),
  );
  useEffect(() => runtime.startSync(channel), [runtime, channel]);
}

/** The object URL of a stored file, or null while it is missing (or still loading: `loading`). */
function useAttachmentUrl(meta: AttachmentMeta): { url: string | null; loading: boolean } {
  const runtime = useIncidentAttachments();
  const version = useAttachmentsVersion(runtime);
  const [state, setState] = useState<{ url: string | null; loading: boolean }>({ url: null, loading: true });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes when a file arrives, and the file is then looked up again.
  useEffect(() => {
    let live = true;
    runtime.url(meta).then(
      (url) => live && setState({ url, loading: false }),
      (error: unknown) => {
        console.error('Sitrep: could not read an attachment', error);
        if (live) setState({ url: null, loading: false });
      },
    );
    return () => {
      live = false;
    };
  }, [runtime, meta, version]);
  return state;
}

/** The files attached to an entry, as thumbnails (images) or file chips; each opens full size. */
export function AttachmentList({ entry }: { entry: TimelineEntry }) {
  const t = useT('timeline');
  const [open, setOpen] = useState<AttachmentMeta | null>(null);
  if (entry.attachments.length === 0) return null;
  return (
    <ul className="attachment-list" aria-label={t('attachments.list')}>
      {entry.attachments.map((meta) => (
        <li key={meta.sha256}>
          <AttachmentThumbnail meta={meta} onOpen={() => setOpen(meta)} />
        </li>
      ))}
      {open && <AttachmentViewer meta={open} onClose={() => setOpen(null)} />}
    </ul>
  );
}

/** Whether the incident has a room, that is, peers a missing file could come from. */
function useHasRoom(): boolean {
  const { network } = useIncidentSession();
  return useSyncExternalStore(
    useCallback((onChange) => network.subscribe(onChange), [network]),
    () => network.snapshot().room !== null,
  );
}

function AttachmentThumbnail({ meta, onOpen }: { meta: AttachmentMeta; onOpen: () => void }) {
  const t = useT('timeline');
  const runtime = useIncidentAttachments();
  const hasRoom = useHasRoom();
  const { url, loading } = useAttachmentUrl(meta);
  if (loading) return <span className="attachment-chip attachment-pending">{meta.name}</span>;
  if (!url) {
    const transfer = runtime.transfer(meta.sha256);
    const text =
      transfer?.phase === 'receiving'
        ? t('attachments.receiving', { name: meta.name, percent: Math.floor((transfer.received / transfer.total) * 100) })
        : hasRoom
          ? t('attachments.waiting', { name: meta.name })
          : // An imported incident, or one never shared: no peer to ask until it has a room.
            t('attachments.notHere', { name: meta.name });
    return (
      <span
        className="attachment-chip attachment-pending"
        role="status"
        title={t('attachments.chipTitle', { size: formatBytes(meta.size), hash: meta.sha256 })}
      >
        {text}
      </span>
    );
  }
  if (isInlineImage(meta.type)) {
    return (
      <button
        type="button"
        className="attachment-thumb"
        onClick={onOpen}
        aria-label={t('attachments.openFullSize', { name: meta.name })}
        title={meta.name}
      >
        <img src={url} alt={meta.name} />
      </button>
    );
  }
  return (
    <button type="button" className="attachment-chip" onClick={onOpen} aria-label={t('attachments.open', { name: meta.name })}>
      <span className="attachment-ext" aria-hidden="true">
        {extensionOf(meta)}
      </span>
      {meta.name} <span className="attachment-size">{formatBytes(meta.size)}</span>
    </button>
  );
}

/** One attachment full size, with its details and a way to save a copy. */
export function AttachmentViewer({ meta, onClose }: { meta: AttachmentMeta; onClose: () => void }) {
  const t = useT('timeline');
  const tc = useT('common');
  const runtime = useIncidentAttachments();
  const { platform } = useServices();
  const showToast = useUiStore((s) => s.showToast);
  const { url } = useAttachmentUrl(meta);
  const save = async () => {
    const bytes = await runtime.bytes(meta.sha256);
    if (!bytes) {
      showToast(t('attachments.notHereYet', { name: meta.name }));
      return;
    }
    try {
      const outcome = await platform.saveFile({
        suggestedName: meta.name,
        filters: [{ name: meta.type || t('attachments.file'), extensions: [extensionOf(meta)] }],
        content: bytes,
      });
      if (outcome.saved)
        showToast(
          outcome.path ? t('attachments.saved', { name: meta.name, path: outcome.path }) : t('attachments.downloaded', { name: meta.name }),
          'info',
        );
    } catch (error) {
      console.error('Sitrep: saving an attachment failed', error);
      showToast(t('attachments.saveFailed', { name: meta.name, error: error instanceof Error ? error.message : String(error) }));
    }
  };
  return (
    <Dialog open onOpenChange={(next) => !next && onClose()} title={meta.name} wide>
      <div className="attachment-viewer">
        {url && isInlineImage(meta.type) ? (
          <img src={url} alt={meta.name} className="attachment-full" />
        ) : url && isPlainText(meta) ? (
          <TextPreview meta={meta} />
        ) : url ? (
          <p className="panel-empty">{t('attachments.noPreview')}</p>
        ) : (
          <p className="panel-empty" role="status">
            {t('attachments.waitingSentence', { name: meta.name })}
          </p>
        )}
      </div>
      <dl className="attachment-details">
        <dt>{t('attachments.type')}</dt>
        <dd>{meta.type || t('attachments.unknownType')}</dd>
        <dt>{t('attachments.size')}</dt>
        <dd>{formatBytes(meta.size)}</dd>
        <dt>{t('attachments.sha256')}</dt>
        <dd className="mono">{meta.sha256}</dd>
      </dl>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={() => void save()} disabled={!url}>
          {t('attachments.saveCopy')}
        </button>
        <button type="button" className="btn btn-primary" onClick={onClose}>
          {tc('action.close')}
        </button>
      </div>
    </Dialog>
  );
}

/** Log excerpts and other text files are shown as text (never as HTML), up to TEXT_PREVIEW_BYTES. */
const TEXT_PREVIEW_BYTES = 256 * 1024;
const TEXT_TYPES = new Set(['application/json', 'application/x-ndjson', 'application/xml', 'application/yaml']);
const TEXT_EXTENSIONS = new Set([
  'txt',
  'log',
  'csv',
  'json',
  'ndjson',
  'yaml',
  'yml',
  'xml',
  'diff',
  'patch',
  'md',
  'conf',
  'ini',
  'toml',
]);

function isPlainText(meta: AttachmentMeta): boolean {
  return meta.type.startsWith('text/') || TEXT_TYPES.has(meta.type) || TEXT_EXTENSIONS.has(extensionOf(meta));
}

function TextPreview({ meta }: { meta: AttachmentMeta }) {
  const t = useT('timeline');
  const runtime = useIncidentAttachments();
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    runtime.bytes(meta.sha256).then(
      (bytes) => {
        if (!live || !bytes) return;
        const shown = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, TEXT_PREVIEW_BYTES));
        setText(
          bytes.length > TEXT_PREVIEW_BYTES
            ? `${shown}\n${t('attachments.truncated', { shown: formatBytes(TEXT_PREVIEW_BYTES), size: formatBytes(bytes.length) })}`
            : shown,
        );
      },
      (error: unknown) => {
        console.error('Sitrep: could not read an attachment', error);
        if (live) setText(t('attachments.unreadable'));
      },
    );
    return () => {
      live = false;
    };
  }, [runtime, meta, t]);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a long log scrolls, so keyboard users can focus it to scroll.
    <pre className="attachment-text" tabIndex={0}>
      {text ?? t('attachments.reading')}
    </pre>
  );
}

/** A hidden file input and the button that opens it. */
function FilePicker({
  label,
  text,
  onFiles,
  className,
}: {
  label: string;
  text: string;
  onFiles: (files: File[]) => void;
  className: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={className} aria-label={label} title={label} onClick={() => input.current?.click()}>
        {text}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label={label}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}

/** "Attach" on a timeline entry: stores the files, then records them on the entry. */
export function AttachToEntryButton({ entryId }: { entryId: string }) {
  const t = useT('timeline');
  const runtime = useIncidentAttachments();
  const run = useCommand();
  const showToast = useUiStore((s) => s.showToast);
  const attach = async (files: File[]) => {
    const added = await runtime.addFiles(files);
    if (!added.ok) {
      showToast(added.message);
      return;
    }
    run((commands) => commands.attachToEntry({ entryId, files: added.files }), { toastRefusal: true });
  };
  return (
    <FilePicker
      className="btn btn-ghost btn-small"
      label={t('attachments.attachToEntry')}
      text={t('attachments.attach')}
      onFiles={(files) => void attach(files)}
    />
  );
}

/** Drag and drop onto a timeline entry: the files dropped are attached to it. */
export function useEntryDrop(entryId: string, enabled: boolean) {
  const runtime = useIncidentAttachments();
  const run = useCommand();
  const showToast = useUiStore((s) => s.showToast);
  if (!enabled) return {};
  return {
    onDragOver: (event: DragEvent) => {
      if (event.dataTransfer.types.includes('Files')) event.preventDefault();
    },
    onDrop: (event: DragEvent) => {
      const dropped = [...event.dataTransfer.files];
      if (dropped.length === 0) return;
      event.preventDefault();
      void runtime.addFiles(dropped).then((added) => {
        if (!added.ok) showToast(added.message);
        else run((commands) => commands.attachToEntry({ entryId, files: added.files }), { toastRefusal: true });
      });
    },
  };
}

/** Files waiting to go with the next quick entry: picked, pasted or dropped. */
export function useAttachmentDraft() {
  const runtime = useIncidentAttachments();
  const [files, setFiles] = useState<AttachmentMeta[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const add = useCallback(
    async (picked: File[], options: { pasted?: boolean } = {}) => {
      if (picked.length === 0) return;
      setBusy(true);
      const added = await runtime.addFiles(picked, options);
      setBusy(false);
      if (!added.ok) {
        setProblem(added.message);
        return;
      }
      setProblem(null);
      setFiles((current) => [...current, ...added.files.filter((meta) => !current.some((c) => c.sha256 === meta.sha256))]);
    },
    [runtime],
  );
  return {
    files,
    problem,
    busy,
    add,
    remove: (sha256: string) => setFiles((current) => current.filter((meta) => meta.sha256 !== sha256)),
    clear: () => {
      setFiles([]);
      setProblem(null);
    },
    /** A pasted image (a screenshot) becomes an attachment; pasted text stays text. */
    onPaste: (event: ClipboardEvent) => {
      const pasted = [...event.clipboardData.files];
      if (pasted.length === 0) return;
      event.preventDefault();
      void add(pasted, { pasted: true });
    },
    onDragOver: (event: DragEvent) => {
      if (event.dataTransfer.types.includes('Files')) event.preventDefault();
    },
    onDrop: (event: DragEvent) => {
      const dropped = [...event.dataTransfer.files];
      if (dropped.length === 0) return;
      event.preventDefault();
      void add(dropped);
    },
  };
}

export type AttachmentDraft = ReturnType<typeof useAttachmentDraft>;

/** The quick entry's Attach button and the files waiting to go with the entry. */
export function AttachmentDraftControls({ draft }: { draft: AttachmentDraft }) {
  const t = useT('timeline');
  const tc = useT('common');
  return (
    <>
      <FilePicker
        className="btn btn-ghost btn-small"
        label={t('attachments.attachToNew')}
        text={t('attachments.attachFile')}
        onFiles={(files) => void draft.add(files)}
      />
      {(draft.files.length > 0 || draft.busy) && (
        <ul className="attachment-draft" aria-label={t('attachments.toAttach')}>
          {draft.files.map((meta) => (
            <li key={meta.sha256} className="attachment-chip">
              {meta.name} <span className="attachment-size">{formatBytes(meta.size)}</span>
              <button
                type="button"
                className="attachment-remove"
                aria-label={t('attachments.doNotAttach', { name: meta.name })}
                title={tc('action.remove')}
                onClick={() => draft.remove(meta.sha256)}
              >
                ×
              </button>
            </li>
          ))}
          {draft.busy && <li className="attachment-chip attachment-pending">{t('attachments.reading')}</li>}
        </ul>
      )}
    </>
  );
}
