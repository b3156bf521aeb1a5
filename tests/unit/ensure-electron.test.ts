// `npm start` on a machine that cannot start Electron says why in one sentence.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { checkElectron, nodeIsRecentEnough } from '../../scripts/ensure-electron.mjs';

function electronDir(options: { installed: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-electron-'));
  writeFileSync(join(dir, 'package.json'), '{}');
  if (options.installed) {
    writeFileSync(join(dir, 'path.txt'), 'electron');
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
  }
  return dir;
}

const neverCalled = () => {
  throw new Error('download must not be attempted');
};

describe('ensure-electron', () => {
  it('compares Node versions by major and minor', () => {
    expect(nodeIsRecentEnough('v22.12.0')).toBe(true);
    expect(nodeIsRecentEnough('v24.1.0')).toBe(true);
    expect(nodeIsRecentEnough('v22.11.9')).toBe(false);
    expect(nodeIsRecentEnough('v20.19.2')).toBe(false);
    expect(nodeIsRecentEnough('nonsense')).toBe(false);
  });

  it('lets an installed Electron start', () => {
    expect(
      checkElectron({ nodeVersion: 'v22.12.0', electronDir: electronDir({ installed: true }), env: {}, download: neverCalled }),
    ).toBeNull();
  });

  it('names the Node.js version it needs', () => {
    const message = checkElectron({
      nodeVersion: 'v20.19.0',
      electronDir: electronDir({ installed: true }),
      env: {},
      download: neverCalled,
    });
    expect(message).toMatch(/needs Node\.js 22\.12 or newer .*this is Node\.js v20\.19\.0/);
    expect(message).toContain('npm run dev:web');
  });

  it('says the download is switched off when ELECTRON_SKIP_BINARY_DOWNLOAD is set', () => {
    const message = checkElectron({
      nodeVersion: 'v22.12.0',
      electronDir: electronDir({ installed: false }),
      env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      download: neverCalled,
    });
    expect(message).toMatch(/not downloaded, and ELECTRON_SKIP_BINARY_DOWNLOAD is set/);
  });

  it('says the download failed, without a stack trace, when the internet is out of reach', () => {
    const message = checkElectron({
      nodeVersion: 'v22.12.0',
      electronDir: electronDir({ installed: false }),
      env: {},
      download: () => false,
    });
    expect(message).toMatch(/could not download Electron's binary/);
    expect(message).not.toMatch(/\n\s+at /);
  });
});
