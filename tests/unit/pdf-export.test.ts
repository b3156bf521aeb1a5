// The PDF export asks where to save before rendering, renders the report in a locked-down hidden
// window (sandboxed, offscreen, JavaScript off, own session, no network), and always closes it.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import {
  MAX_DATA_URL_CHARS,
  PDF_PARTITION,
  PDF_WINDOW_OPTIONS,
  electronPdfExportDeps,
  htmlDataUrl,
  savePdf,
  writeTemporaryPageWith,
  type PdfExportDeps,
} from '../../src/main/pdf-export';

const HTML = '<!doctype html><title>Checkout outage</title><p>Ünïcode → fine</p>';
const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46]);

function fakes(overrides: Partial<PdfExportDeps> = {}) {
  const window = {
    loadURL: vi.fn(async (_url: string) => {}),
    printToPDF: vi.fn(async () => PDF),
    destroy: vi.fn(),
  };
  const disposed = vi.fn(async () => {});
  const deps = {
    createWindow: vi.fn((_options: unknown, _pageUrl: string) => window),
    writeTemporaryPage: vi.fn(async (_html: string) => ({ url: 'file:///tmp/sitrep-pdf-x/report.html', dispose: disposed })),
    chooseSavePath: vi.fn(async (_name: string) => '/home/ic/Documents/checkout.pdf' as string | null),
    writeFile: vi.fn(async (_path: string, _content: Uint8Array) => {}),
    ...overrides,
  };
  return { window, deps, disposed };
}

describe('savePdf', () => {
  it('renders the HTML from a data: URL, prints it and writes the PDF where the user chose', async () => {
    const { window, deps } = fakes();
    await expect(savePdf({ html: HTML, suggestedName: 'checkout.pdf' }, deps)).resolves.toEqual({
      saved: true,
      path: '/home/ic/Documents/checkout.pdf',
    });
    expect(deps.chooseSavePath).toHaveBeenCalledWith('checkout.pdf');
    const url = window.loadURL.mock.calls[0]![0];
    expect(url.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true);
    expect(Buffer.from(url.split(',')[1]!, 'base64').toString('utf8')).toBe(HTML);
    expect(deps.writeFile).toHaveBeenCalledWith('/home/ic/Documents/checkout.pdf', PDF);
    expect(window.destroy).toHaveBeenCalledTimes(1);
  });

  it('prints a report too large for a data: URL (embedded screenshots) from a private temporary file, then deletes it', async () => {
    const { window, deps, disposed } = fakes();
    const large = `<!doctype html><p>${'x'.repeat(MAX_DATA_URL_CHARS)}</p>`;
    await expect(savePdf({ html: large, suggestedName: 'big.pdf' }, deps)).resolves.toMatchObject({ saved: true });
    expect(deps.writeTemporaryPage).toHaveBeenCalledWith(large);
    expect(deps.createWindow).toHaveBeenCalledWith(PDF_WINDOW_OPTIONS, 'file:///tmp/sitrep-pdf-x/report.html');
    expect(window.loadURL).toHaveBeenCalledWith('file:///tmp/sitrep-pdf-x/report.html');
    expect(disposed).toHaveBeenCalledTimes(1);
  });

  it('deletes the temporary file when printing a large report fails', async () => {
    const { window, deps, disposed } = fakes();
    window.printToPDF.mockRejectedValueOnce(new Error('printing failed'));
    await expect(savePdf({ html: 'y'.repeat(MAX_DATA_URL_CHARS), suggestedName: 'big.pdf' }, deps)).rejects.toThrow('printing failed');
    expect(window.destroy).toHaveBeenCalledTimes(1);
    expect(disposed).toHaveBeenCalledTimes(1);
  });

  it('keeps a report that fits in a data: URL off the disk', async () => {
    const { deps } = fakes();
    await savePdf({ html: HTML, suggestedName: 'small.pdf' }, deps);
    expect(deps.writeTemporaryPage).not.toHaveBeenCalled();
  });

  it('renders nothing when the user cancels the save dialog', async () => {
    const { deps } = fakes({ chooseSavePath: vi.fn(async () => null) });
    await expect(savePdf({ html: HTML, suggestedName: 'x.pdf' }, deps)).resolves.toEqual({ saved: false });
    expect(deps.createWindow).not.toHaveBeenCalled();
    expect(deps.writeFile).not.toHaveBeenCalled();
  });

  it('closes the hidden window and reports the failure when printing fails', async () => {
    const { window, deps } = fakes();
    window.printToPDF.mockRejectedValueOnce(new Error('printing failed'));
    await expect(savePdf({ html: HTML, suggestedName: 'x.pdf' }, deps)).rejects.toThrow('printing failed');
    expect(window.destroy).toHaveBeenCalledTimes(1);
    expect(deps.writeFile).not.toHaveBeenCalled();
  });

  it('uses a hidden, sandboxed, offscreen window with JavaScript off in a session of its own', () => {
    expect(PDF_WINDOW_OPTIONS.show).toBe(false);
    expect(PDF_WINDOW_OPTIONS.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      offscreen: true,
      partition: PDF_PARTITION,
    });
    // No "persist:" prefix: the session lives in memory only.
    expect(PDF_PARTITION.startsWith('persist:')).toBe(false);
  });

  it('encodes any text losslessly in the data: URL', () => {
    const html = '<p>😀 <script>alert(1)</script> 100% #hash ?q</p>';
    expect(Buffer.from(htmlDataUrl(html).split(',')[1]!, 'base64').toString('utf8')).toBe(html);
  });
});

describe('electronPdfExportDeps', () => {
  it('blocks the report session network before creating the window, and builds the default path', async () => {
    const order: string[] = [];
    const created: unknown[] = [];
    class FakeWindow {
      webContents = { printToPDF: async () => PDF };
      constructor(options: unknown) {
        order.push('window');
        created.push(options);
      }
      async loadURL() {}
      destroy() {
        order.push('destroy');
      }
    }
    const showSaveDialog = vi.fn(async (_path: string) => ({ canceled: false, filePath: '/tmp/out.pdf' }));
    const writeFile = vi.fn(async () => {});
    const deps = electronPdfExportDeps({
      BrowserWindow: FakeWindow,
      blockNetwork: (partition, pageUrl) => order.push(`block ${partition} except ${pageUrl.slice(0, 5)}`),
      writeTemporaryPage: async () => {
        throw new Error('not for a small report');
      },
      showSaveDialog,
      defaultFolder: () => '/home/ic/Documents',
      joinPath: (folder, name) => `${folder}/${name}`,
      writeFile,
    });
    await expect(savePdf({ html: HTML, suggestedName: 'a.pdf' }, deps)).resolves.toEqual({ saved: true, path: '/tmp/out.pdf' });
    expect(showSaveDialog).toHaveBeenCalledWith('/home/ic/Documents/a.pdf');
    expect(order).toEqual([`block ${PDF_PARTITION} except data:`, 'window', 'destroy']);
    expect(created).toEqual([PDF_WINDOW_OPTIONS]);
    expect(writeFile).toHaveBeenCalledWith('/tmp/out.pdf', PDF);
  });

  it('treats a cancelled or empty dialog result as not saved', async () => {
    for (const choice of [{ canceled: true, filePath: '/x.pdf' }, { canceled: false, filePath: '' }, { canceled: false }]) {
      const deps = electronPdfExportDeps({
        BrowserWindow: class {
          webContents = { printToPDF: async () => PDF };
          async loadURL() {}
          destroy() {}
        },
        blockNetwork: () => {},
        writeTemporaryPage: async () => ({ url: '', dispose: async () => {} }),
        showSaveDialog: async () => choice,
        defaultFolder: () => '/d',
        joinPath: (a, b) => `${a}/${b}`,
        writeFile: async () => {},
      });
      await expect(deps.chooseSavePath('a.pdf')).resolves.toBeNull();
    }
  });
});

describe('the temporary page on disk', () => {
  it('is a file only this user can read, in a folder of its own, gone once disposed', async () => {
    const html = '<p>report</p>';
    const page = await writeTemporaryPageWith({ mkdtemp, writeFile, rm }, tmpdir(), join, (path) => pathToFileURL(path).href, html);
    const path = fileURLToPath(page.url);
    expect(await readFile(path, 'utf8')).toBe(html);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    const folder = join(path, '..');
    expect(await readdir(folder)).toEqual(['report.html']);
    await page.dispose();
    await expect(stat(folder)).rejects.toThrow();
  });
});
