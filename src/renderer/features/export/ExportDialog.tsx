// Export of the whole incident (every timeline entry) as Markdown, HTML, PDF, CSV or JSON, in a
// language and a time zone chosen here: a native save dialog in Electron, a download in the browser.
import { useMemo, useState } from 'react';
import { isValidTimeZone, TimeZoneError } from '@core/export';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '@core/i18n';
import { useLanguage, useT } from '../../i18n';
import { version } from '../../../../package.json';
import { useServices } from '../../app/services';
import { useIncidentInfo, useIncidentSession } from '../../state/incidentContext';
import { useUiStore } from '../../state/uiStore';
import { FormDialog } from '../../ui/FormDialog';
import { useIncidentAttachments } from '../attachments/Attachments';
import { carriesAttachments, EXPORT_FORMATS, renderExport, suggestedFileName, usesTimeZone, type ExportFormat } from './exportFile';
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
  const t = useT('export');
  const [open, setOpen] = useState(false);
  useAction('incident.export', () => setOpen(true));
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        {t('dialog.open')}
      </button>
      {open && <ExportDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function ExportDialog({ onClose }: { onClose: () => void }) {
  const t = useT('export');
  const uiLanguage = useLanguage();
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
  // The readers' language, the window's by default (the pseudo-locale exports English).
  const [language, setLanguage] = useState<Language>(() => (isLanguage(uiLanguage) ? uiLanguage : 'en'));
  const zones = useMemo(knownZones, []);
  const local = useMemo(localZone, []);

  // JSON keeps UTC epoch milliseconds: whatever zone is picked, it does not apply.
  const zone = !usesTimeZone(format) ? 'UTC' : zoneMode === 'other' ? otherZone.trim() : zoneMode;
  const zoneProblem = usesTimeZone(format) && zoneMode === 'other' && otherZone.trim() !== '' && !isValidTimeZone(otherZone.trim());
  const fileName = incident && !zoneProblem && zone !== '' ? suggestedFileName(incident, format, zone) : null;

  const save = async (): Promise<true | string> => {
    if (zone === '') return t('dialog.typeZone');
    const snapshot = session.snapshot();
    if (!snapshot) return t('dialog.notDeclared');
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
        { timeZone: zone, language, now: Date.now(), generatedBy: `Sitrep ${version}`, csvByteOrderMark: byteOrderMark },
        files,
      );
    } catch (error) {
      if (error instanceof TimeZoneError) return t('dialog.unknownZone', { zone: error.zone });
      throw error;
    }
    try {
      const outcome =
        format === 'pdf' && platform.savePdf && typeof file.content === 'string'
          ? await platform.savePdf({ html: file.content, suggestedName: file.suggestedName })
          : await platform.saveFile({ suggestedName: file.suggestedName, filters: file.filters, content: file.content });
      if (outcome.saved) {
        showToast(
          outcome.path
            ? t('dialog.saved', { format: t(`format.${format}.label`), path: outcome.path })
            : t('dialog.downloaded', { name: file.suggestedName }),
          'info',
        );
      }
      return true;
    } catch (error) {
      console.error('Sitrep: saving the export failed', error);
      return t('dialog.saveFailed', { reason: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <FormDialog
      open
      onOpenChange={(next) => !next && onClose()}
      title={t('dialog.title')}
      description={t('dialog.description')}
      submitLabel={platform.kind === 'electron' ? t('dialog.save') : t('dialog.download')}
      onSubmit={save}
      onClosed={onClose}
    >
      <fieldset className="export-fieldset">
        <legend className="field-label">{t('dialog.format')}</legend>
        <div className="export-choices" role="radiogroup" aria-label={t('dialog.format')}>
          {formats.map((f) => (
            <label key={f} className="export-choice">
              <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} />
              <span>
                <span className="export-choice-label">{t(`format.${f}.label`)}</span>
                <span className="field-hint">{t(`format.${f}.hint`)}</span>
              </span>
            </label>
          ))}
        </div>
        {!canPdf && <p className="field-hint">{t('dialog.printToPdf')}</p>}
        {format === 'csv' && (
          <label className="export-inline">
            <input type="checkbox" checked={byteOrderMark} onChange={(e) => setByteOrderMark(e.target.checked)} />{' '}
            {t('dialog.byteOrderMark')}
          </label>
        )}
      </fieldset>

      <fieldset className="export-fieldset" disabled={!usesTimeZone(format)}>
        <legend className="field-label">{t('dialog.zone')}</legend>
        <div className="export-zone-row" role="radiogroup" aria-label={t('dialog.zone')}>
          <label className="export-inline">
            <input type="radio" name="export-zone" checked={zoneMode === 'UTC'} onChange={() => setZoneMode('UTC')} /> {t('dialog.utc')}
          </label>
          <label className="export-inline">
            <input type="radio" name="export-zone" checked={zoneMode === 'local'} onChange={() => setZoneMode('local')} />{' '}
            {t('dialog.local', { zone: local })}
          </label>
          <label className="export-inline">
            <input type="radio" name="export-zone" checked={zoneMode === 'other'} onChange={() => setZoneMode('other')} />{' '}
            {t('dialog.otherZone')}
          </label>
        </div>
        <input
          className="input"
          aria-label={t('dialog.zoneName')}
          list="export-time-zones"
          placeholder={t('dialog.zonePlaceholder')}
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
            ? format === 'zip'
              ? t('dialog.zoneNotApplicableZip')
              : t('dialog.zoneNotApplicable')
            : zoneProblem
              ? t('dialog.zoneUnknown')
              : t('dialog.zoneHint')}
        </span>
      </fieldset>

      {/* One compact row: the dialog must fit a 1280x720 laptop screen with the longest (Russian) words. */}
      <div className="export-language-row">
        <label className="field-label" htmlFor="export-language">
          {t('dialog.language')}
        </label>
        <select
          id="export-language"
          className="select export-language"
          value={language}
          disabled={!usesTimeZone(format)}
          aria-describedby="export-language-hint"
          onChange={(e) => setLanguage(isLanguage(e.target.value) ? e.target.value : 'en')}
        >
          {LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LANGUAGE_NAMES[code]}
            </option>
          ))}
        </select>
        <span id="export-language-hint" className="field-hint">
          {usesTimeZone(format) ? t('dialog.languageHint') : t('dialog.languageNotApplicable')}
        </span>
      </div>

      <p className="export-file-name">
        <span className="field-label">{t('dialog.file')}</span> <span className="mono">{fileName ?? '—'}</span>
      </p>
    </FormDialog>
  );
}
