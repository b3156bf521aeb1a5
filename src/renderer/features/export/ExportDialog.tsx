// Export of the whole incident (every timeline entry) as Markdown, HTML, PDF, CSV or JSON, in a
// time zone chosen here: a native save dialog in Electron, a download in the browser.
import { useMemo, useState } from 'react';
import { isValidTimeZone, TimeZoneError } from '@core/export';
import { version } from '../../../../package.json';
import { useServices } from '../../app/services';
import { useIncidentInfo, useIncidentSession } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';
import { FormDialog } from '../../ui/FormDialog';
import { useIncidentAttachments } from '../attachments/Attachments';
import {
  carriesAttachments,
  EXPORT_FORMATS,
  FORMAT_INFO,
  renderExport,
  suggestedFileName,
  usesTimeZone,
  type ExportFormat,
} from './exportFile';
import './export.css';
import { useAction } from '../commands/registry';

type ZoneMode = 'UTC' | 'local' | 'other';

function localZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function knownZones(): readonly string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

export function ExportButton() {
  const [open, setOpen] = useState(false);
  useAction('incident.export', () => setOpen(true));
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        Export
      </button>
      {open && <ExportDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function ExportDialog({ onClose }: { onClose: () => void }) {
  const { platform } = useServices();
  const session = useIncidentSession();
  const incident = useIncidentInfo();
  const showToast = useUiStore((s) => s.showToast);
  const attachments = useIncidentAttachments();
  const canPdf = platform.savePdf !== undefined;
  const formats = EXPORT_FORMATS.filter((f) => f !== 'pdf' || canPdf);
  const [format, setFormat] = useState<ExportFormat>('markdown');
  const [zoneMode, setZoneMode] = useState<ZoneMode>('UTC');
  const [otherZone, setOtherZone] = useState('');
  const [byteOrderMark, setByteOrderMark] = useState(true);
  const zones = useMemo(knownZones, []);
  const local = useMemo(localZone, []);

  // JSON keeps UTC epoch milliseconds: whatever zone is picked, it does not apply.
  const zone = !usesTimeZone(format) ? 'UTC' : zoneMode === 'other' ? otherZone.trim() : zoneMode;
  const zoneProblem = usesTimeZone(format) && zoneMode === 'other' && otherZone.trim() !== '' && !isValidTimeZone(otherZone.trim());
  const fileName = incident && !zoneProblem && zone !== '' ? suggestedFileName(incident, format, zone) : null;

  const save = async (): Promise<true | string> => {
    if (zone === '') return 'Type a time zone name, such as Europe/Paris, or choose UTC or local.';
    const snapshot = session.snapshot();
    if (!snapshot) return 'This incident has not been declared yet, so there is nothing to export.';
    // The attached files this computer has; one not here yet is named in the export as missing.
    const files = new Map<string, Uint8Array>();
    if (carriesAttachments(format)) {
      for (const meta of attachments.referenced()) {
        const bytes = await attachments.bytes(meta.sha256);
        if (bytes) files.set(meta.sha256, bytes);
      }
    }
    let file: ReturnType<typeof renderExport>;
    try {
      file = renderExport(
        snapshot,
        format,
        { timeZone: zone, now: Date.now(), generatedBy: `Sitrep ${version}`, csvByteOrderMark: byteOrderMark },
        files,
      );
    } catch (error) {
      if (error instanceof TimeZoneError) return error.message;
      throw error;
    }
    try {
      const outcome =
        format === 'pdf' && platform.savePdf && typeof file.content === 'string'
          ? await platform.savePdf({ html: file.content, suggestedName: file.suggestedName })
          : await platform.saveFile({ suggestedName: file.suggestedName, filters: file.filters, content: file.content });
      if (outcome.saved) {
        showToast(
          outcome.path ? `Saved ${FORMAT_INFO[format].label} export to ${outcome.path}` : `Downloaded ${file.suggestedName}`,
          'info',
        );
      }
      return true;
    } catch (error) {
      console.error('Sitrep: saving the export failed', error);
      return `The export could not be saved: ${error instanceof Error ? error.message : String(error)}`;
    }
  };

  return (
    <FormDialog
      open
      onOpenChange={(next) => !next && onClose()}
      title="Export incident"
      description="Every timeline entry and every record, not a selection."
      submitLabel={platform.kind === 'electron' ? 'Save…' : 'Download'}
      onSubmit={save}
      onClosed={onClose}
    >
      <fieldset className="export-fieldset">
        <legend className="field-label">Format</legend>
        <div className="export-choices" role="radiogroup" aria-label="Format">
          {formats.map((f) => (
            <label key={f} className="export-choice">
              <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} />
              <span>
                <span className="export-choice-label">{FORMAT_INFO[f].label}</span>
                <span className="field-hint">{FORMAT_INFO[f].hint}</span>
              </span>
            </label>
          ))}
        </div>
        {!canPdf && <p className="field-hint">For a PDF, open the HTML export and print it to PDF.</p>}
        {format === 'csv' && (
          <label className="export-inline">
            <input type="checkbox" checked={byteOrderMark} onChange={(e) => setByteOrderMark(e.target.checked)} /> Start with a byte order
            mark, so that Excel reads names in every script (turn off for tools that do not expect one)
          </label>
        )}
      </fieldset>

      <fieldset className="export-fieldset" disabled={!usesTimeZone(format)}>
        <legend className="field-label">Time zone</legend>
        <div className="export-zone-row" role="radiogroup" aria-label="Time zone">
          <label className="export-inline">
            <input type="radio" name="export-zone" checked={zoneMode === 'UTC'} onChange={() => setZoneMode('UTC')} /> UTC
          </label>
          <label className="export-inline">
            <input type="radio" name="export-zone" checked={zoneMode === 'local'} onChange={() => setZoneMode('local')} /> Local ({local})
          </label>
          <label className="export-inline">
            <input type="radio" name="export-zone" checked={zoneMode === 'other'} onChange={() => setZoneMode('other')} /> Another zone
          </label>
        </div>
        <input
          className="input"
          aria-label="Time zone name"
          list="export-time-zones"
          placeholder="Europe/Paris, America/New_York, Asia/Kolkata…"
          value={otherZone}
          aria-invalid={zoneProblem}
          aria-describedby="export-zone-hint"
          onFocus={() => setZoneMode('other')}
          onChange={(e) => {
            setZoneMode('other');
            setOtherZone(e.target.value);
          }}
        />
        <datalist id="export-time-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <span id="export-zone-hint" className={zoneProblem ? 'danger-text export-hint' : 'field-hint'}>
          {!usesTimeZone(format)
            ? `${format === 'zip' ? 'The JSON inside' : 'JSON'} keeps every time in UTC epoch milliseconds; the zone does not apply.`
            : zoneProblem
              ? 'Not a time zone this system knows: pick one from the list.'
              : 'Every time is written with its UTC offset.'}
        </span>
      </fieldset>

      <p className="export-file-name">
        <span className="field-label">File</span> <span className="mono">{fileName ?? '—'}</span>
      </p>
    </FormDialog>
  );
}
