// Proves the packaging config turns on every security fuse and is accepted by electron-builder's own schema.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
// js-yaml and app-builder-lib come with electron-builder; they are not direct dependencies.
const require = createRequire(resolve(root, 'package.json'));
const yaml = require('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Configuration;

describe('electron-builder.yml', () => {
  it('sets every security fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('packages only the build output, inside an asar archive', () => {
    expect(config.appId).toBe('dev.sitrep.app');
    expect(config.productName).toBe('Sitrep');
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['out/**', 'package.json']);
    expect(config.directories?.output).toBe('release');
  });

  it('targets AppImage and deb, dmg and nsis', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Utility');
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/);
    expect(config.mac?.target).toBe('dmg');
    expect(config.win?.target).toBe('nsis');
  });

  it('registers the sitrep: scheme for join links', () => {
    const protocols = Array.isArray(config.protocols) ? config.protocols : [config.protocols];
    expect(protocols.flatMap((protocol) => protocol?.schemes ?? [])).toContain('sitrep');
  });

  it('passes electron-builder schema validation', async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<Configuration>;
      validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new () => unknown };
    const loaded = await getConfig(root, resolve(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(loaded, new DebugLogger())).resolves.toBeUndefined();
  });
});
