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

export interface PdfExportDeps {
  createWindow(options: typeof PDF_WINDOW_OPTIONS): PdfRenderWindow;
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

/** The report as a data: URL, so it never touches the disk or the network before printing. */
export function htmlDataUrl(html: string): string {
  return `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
}

export async function savePdf(request: SavePdfRequest, deps: PdfExportDeps): Promise<SaveFileResult> {
  // Ask first: a cancelled dialog should cost no rendering.
  const path = await deps.chooseSavePath(request.suggestedName);
  if (path === null || path === '') return { saved: false };
  const window = deps.createWindow(PDF_WINDOW_OPTIONS);
  try {
    await window.loadURL(htmlDataUrl(request.html));
    const pdf = await window.printToPDF(PDF_PRINT_OPTIONS);
    await deps.writeFile(path, pdf);
    return { saved: true, path };
  } finally {
    window.destroy();
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
  /** Blocks every request of the report session except the data: URL it was given. */
  blockNetwork(partition: string): void;
  showSaveDialog(defaultPath: string): Promise<{ canceled: boolean; filePath?: string }>;
  defaultFolder(): string;
  joinPath(folder: string, name: string): string;
  writeFile(path: string, content: Uint8Array): Promise<void>;
}

export function electronPdfExportDeps(parts: ElectronPdfParts): PdfExportDeps {
  return {
    createWindow(options) {
      parts.blockNetwork(options.webPreferences.partition);
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
  };
}
