// The local profile is asked once and kept; settings are typed, validated and persisted.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, InvalidProfileError, InvalidSettingError, type Theme } from '../../src/renderer/sync/storage';
import { testLibraries } from './support/libraries';

const { freshStore, open } = testLibraries('storage-preferences');

describe('local profile', () => {
  it('is null on first run, then saved trimmed with an id made once', async () => {
    const options = freshStore();
    const library = await open(options);
    expect(await library.preferences.getProfile()).toBeNull();

    const saved = await library.preferences.saveProfile('  Ada Lovelace  ');
    expect(saved.displayName).toBe('Ada Lovelace');
    expect(saved.id).toMatch(/^[0-9a-f]{32}$/);
    expect(await library.preferences.getProfile()).toEqual(saved);

    const renamed = await library.preferences.saveProfile('Ada L.');
    expect(renamed).toEqual({ id: saved.id, displayName: 'Ada L.' });
    await library.close();

    const again = await open(options);
    expect(await again.preferences.getProfile()).toEqual({ id: saved.id, displayName: 'Ada L.' });
  });

  it('gives two installs different ids', async () => {
    const one = await (await open(freshStore())).preferences.saveProfile('Grace');
    const two = await (await open(freshStore())).preferences.saveProfile('Grace');
    expect(one.id).not.toBe(two.id);
  });

  it('refuses an empty, too long or multi-line name with a clear message', async () => {
    const library = await open(freshStore());
    await expect(library.preferences.saveProfile('')).rejects.toThrow(InvalidProfileError);
    await expect(library.preferences.saveProfile('   ')).rejects.toThrow(/Enter a display name/);
    await expect(library.preferences.saveProfile('x'.repeat(61))).rejects.toThrow(/at most 60 characters; this one has 61/);
    await expect(library.preferences.saveProfile('two\nlines')).rejects.toThrow(/line breaks/);
    await expect(library.preferences.saveProfile(42 as unknown as string)).rejects.toThrow(/must be text/);
    expect(await library.preferences.getProfile()).toBeNull();

    // 60 characters, counted as characters rather than UTF-16 units, is allowed.
    const emoji = '🚒'.repeat(60);
    await expect(library.preferences.saveProfile(emoji)).resolves.toMatchObject({ displayName: emoji });
  });
});

describe('settings', () => {
  it('reads defaults until set, then keeps the value across restarts', async () => {
    const options = freshStore();
    const library = await open(options);
    expect(await library.preferences.getSetting('theme')).toBe('dark');
    expect(await library.preferences.getSettings()).toEqual(DEFAULT_SETTINGS);

    await library.preferences.setSetting('theme', 'light');
    expect(await library.preferences.getSetting('theme')).toBe('light');
    await library.close();

    const again = await open(options);
    expect(await again.preferences.getSetting('theme')).toBe('light');
    expect(await again.preferences.getSettings()).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' });
  });

  it('refuses values and keys outside the typed record', async () => {
    const library = await open(freshStore());
    await expect(library.preferences.setSetting('theme', 'blue' as Theme)).rejects.toThrow(InvalidSettingError);
    await expect(library.preferences.setSetting('theme', 'blue' as Theme)).rejects.toThrow(
      /"blue" is not a valid value for the setting "theme"/,
    );
    await expect(library.preferences.setSetting('volume' as 'theme', 'dark')).rejects.toThrow(/no setting called "volume"/);
    expect(await library.preferences.getSetting('theme')).toBe('dark');
  });
});
