// Saving the HTML incident report as a PDF: the user picks where first, then the report is
// rendered in a hidden, sandboxed, offscreen window with JavaScript off and printed to PDF.
// Electron is injected (see electronPdfExportDeps) so this runs under Node with fakes.
import type { SavePdfRequest, SaveFileResult } from '../shared/ipc';

/** What the report needs from a window: load it, print it, and go away. */
export interface PdfRenderWindow {
  loadURL(url: string): Promise<void>;
  printToPDF(options: typeof PDF_PRINT_OPTIONS): Promise<Uint8Array>;
  destroy(): void;
}

/** A report written to a private temporary file, for one too large for a data: URL. */
export interface TemporaryPage {
  readonly url: string;
  dispose(): Promise<void>;
}

export interface PdfExportDeps {
  /** `pageUrl` is the one URL besides data: URLs the window's session may load. */
  createWindow(options: typeof PDF_WINDOW_OPTIONS, pageUrl: string): PdfRenderWindow;
  /** Writes the report to a file only this user can read; disposing deletes it. */
  writeTemporaryPage(html: string): Promise<TemporaryPage>;
  /** The native save dialog; null when the user cancels. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  writeFile(path: string, content: Uint8Array): Promise<void>;
}

/** An in-memory session of its own: the report window shares no storage or cookies with the app. */
export const PDF_PARTITION = 'sitrep-pdf-export';

export const PDF_WINDOW_OPTIONS = Object.freeze({
  show: false,
  width: 900,
  height: 1200,
  webPreferences: Object.freeze({
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    // The report has no scripts (its CSP forbids them); with JavaScript off nothing in it can run.
    javascript: false,
    offscreen: true,
    webgl: false,
    spellcheck: false,
    partition: PDF_PARTITION,
  }),
});

export const PDF_PRINT_OPTIONS = Object.freeze({
  printBackground: true,
  pageSize: 'A4' as const,
  // The report's own @page rule (if any) wins over A4.
  preferCSSPageSize: true,
  displayHeaderFooter: false,
});

/**
 * Chromium refuses to load a URL longer than 2 MiB, and a report with embedded screenshots
 * (attachments are data: URLs inside it) passes that: such a report is printed from a temporary
 * file instead. Below it, the report never touches the disk before printing.
 */
export const MAX_DATA_URL_CHARS = 2 * 1024 * 1024 - 1;

/** The report as a data: URL, so it never touches the disk or the network before printing. */
export function htmlDataUrl(html: string): string {
  return `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
}

export async function savePdf(request: SavePdfRequest, deps: PdfExportDeps): Promise<SaveFileResult> {
  // Ask first: a cancelled dialog should cost no rendering.
  const path = await deps.chooseSavePath(request.suggestedName);
  if (path === null || path === '') return { saved: false };
  const dataUrl = htmlDataUrl(request.html);
  const page: TemporaryPage =
    dataUrl.length <= MAX_DATA_URL_CHARS ? { url: dataUrl, dispose: async () => {} } : await deps.writeTemporaryPage(request.html);
  try {
    const window = deps.createWindow(PDF_WINDOW_OPTIONS, page.url);
    try {
      await window.loadURL(page.url);
      const pdf = await window.printToPDF(PDF_PRINT_OPTIONS);
      await deps.writeFile(path, pdf);
      return { saved: true, path };
    } finally {
      window.destroy();
    }
  } finally {
    await page.dispose();
  }
}

/** The parts of Electron the real dependencies are built from, typed structurally. */
export interface ElectronPdfParts {
  BrowserWindow: new (
    options: typeof PDF_WINDOW_OPTIONS,
  ) => {
    loadURL(url: string): Promise<void>;
    webContents: { printToPDF(options: typeof PDF_PRINT_OPTIONS): Promise<Uint8Array> };
    destroy(): void;
  };
  /** Blocks every request of the report session except data: URLs and `pageUrl`. */
  blockNetwork(partition: string, pageUrl: string): void;
  writeTemporaryPage(html: string): Promise<TemporaryPage>;
  showSaveDialog(defaultPath: string): Promise<{ canceled: boolean; filePath?: string }>;
  defaultFolder(): string;
  joinPath(folder: string, name: string): string;
  writeFile(path: string, content: Uint8Array): Promise<void>;
}

export function electronPdfExportDeps(parts: ElectronPdfParts): PdfExportDeps {
  return {
    createWindow(options, pageUrl) {
      parts.blockNetwork(options.webPreferences.partition, pageUrl);
      const window = new parts.BrowserWindow(options);
      return {
        loadURL: (url) => window.loadURL(url),
        printToPDF: (printOptions) => window.webContents.printToPDF(printOptions),
        destroy: () => window.destroy(),
      };
    },
    async chooseSavePath(suggestedName) {
      const choice = await parts.showSaveDialog(parts.joinPath(parts.defaultFolder(), suggestedName));
      return choice.canceled || !choice.filePath ? null : choice.filePath;
    },
    writeFile: parts.writeFile,
    writeTemporaryPage: parts.writeTemporaryPage,
  };
}

/** The temporary page in Node: a folder of its own (mode 0700) holding report.html (0600). */
export async function writeTemporaryPageWith(
  fs: {
    mkdtemp(prefix: string): Promise<string>;
    writeFile(path: string, data: string, options: { mode: number; flag: string }): Promise<void>;
    rm(path: string, options: { recursive: boolean; force: boolean }): Promise<void>;
  },
  tmpdir: string,
  join: (...parts: string[]) => string,
  toFileUrl: (path: string) => string,
  html: string,
): Promise<TemporaryPage> {
  const folder = await fs.mkdtemp(join(tmpdir, 'sitrep-pdf-'));
  const file = join(folder, 'report.html');
  try {
    await fs.writeFile(file, html, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    await fs.rm(folder, { recursive: true, force: true });
    throw error;
  }
  return { url: toFileUrl(file), dispose: () => fs.rm(folder, { recursive: true, force: true }) };
}
