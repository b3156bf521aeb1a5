// The file:save-pdf channel: main checks the HTML and the file name, the preload exposes it as
// savePdf, and only the Electron platform offers it.
import { describe, expect, it, vi } from 'vitest';
import { ipcArgumentValidators, IpcArgumentError, MAX_PDF_HTML_LENGTH } from '../../src/main/ipc-validators';
import { SITREP_API_CHANNELS } from '../../src/shared/ipc';
import { createBrowserPlatform } from '../../src/renderer/platform/browser';
import { createElectronPlatform } from '../../src/renderer/platform/electron';
import type { SitrepApi } from '../../src/shared/ipc';

const validate = ipcArgumentValidators['file:save-pdf'];
const request = { html: '<!doctype html><p>report</p>', suggestedName: '2025-03-12-checkout-timeline.pdf' };

describe('file:save-pdf arguments', () => {
  it('accepts one request with HTML and a .pdf file name', () => {
    expect(validate([request])).toEqual([request]);
    expect(validate([{ ...request, suggestedName: 'REPORT.PDF' }])).toHaveLength(1);
  });

  it.each([
    [[], /expected 1 argument, got 0/],
    [[request, request], /expected 1 argument, got 2/],
    [['<html>'], /the PDF request must be an object, got string/],
    [[{ ...request, extra: 1 }], /unexpected field\(s\): extra/],
    [[{ ...request, html: 42 }], /html must be a string, got number/],
    [[{ ...request, html: '   ' }], /html is empty/],
    [[{ ...request, suggestedName: '../etc/passwd.pdf' }], /bare file name/],
    [[{ ...request, suggestedName: 'report.html' }], /must end in \.pdf/],
    [[{ ...request, suggestedName: '' }], /suggestedName is empty/],
  ])('refuses %j', (raw, message) => {
    expect(() => validate(raw)).toThrow(IpcArgumentError);
    expect(() => validate(raw)).toThrow(message);
    expect(() => validate(raw)).toThrow(/^file:save-pdf: /);
  });

  it('refuses HTML over the size limit', () => {
    expect(() => validate([{ ...request, html: 'x'.repeat(MAX_PDF_HTML_LENGTH + 1) }])).toThrow(/characters long; the limit is/);
  });
});

describe('savePdf on the platforms', () => {
  it('is exposed by the preload as savePdf on the file:save-pdf channel', () => {
    expect(SITREP_API_CHANNELS.savePdf).toBe('file:save-pdf');
  });

  it('is forwarded to window.sitrep in Electron', async () => {
    const savePdf = vi.fn(async () => ({ saved: true as const, path: '/home/ic/r.pdf' }));
    const platform = createElectronPlatform({ savePdf } as unknown as SitrepApi);
    await expect(platform.savePdf?.(request)).resolves.toEqual({ saved: true, path: '/home/ic/r.pdf' });
    expect(savePdf).toHaveBeenCalledWith(request);
  });

  it('is absent in a browser, which cannot print to a file', () => {
    expect(createBrowserPlatform('0.1.0').savePdf).toBeUndefined();
  });
});
