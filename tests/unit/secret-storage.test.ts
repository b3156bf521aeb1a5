// Main's safeStorage wrapper for room secrets, with a fake safeStorage.
import { describe, expect, it } from 'vitest';
import { validateSealedSecret, validateSecretToSeal } from '../../src/main/ipc-validators';
import { createSecretStorage, type SafeStorageLike } from '../../src/main/secret-storage';

function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}): SafeStorageLike & { available: boolean } {
  const fake = {
    available: options.available ?? true,
    isEncryptionAvailable: () => fake.available,
    // Not encryption: enough to show the wrapper hands over and back what safeStorage makes.
    encryptString: (plain: string) => Buffer.from(`sealed:${[...plain].reverse().join('')}`),
    decryptString: (sealed: Buffer) => {
      const text = sealed.toString();
      if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return [...text.slice(7)].reverse().join('');
    },
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
  };
  return fake;
}

const SECRET = 'fedcba9876543210fedcba9876543210';

describe('secret storage in main', () => {
  it('seals and opens a secret where the system protects the key, naming the backend', () => {
    for (const [platform, backend] of [
      ['darwin', 'keychain'],
      ['win32', 'dpapi'],
      ['linux', 'kwallet5'],
    ] as const) {
      const storage = createSecretStorage(fakeSafeStorage({ backend }), platform);
      expect(storage.status()).toEqual({ protected: true, backend });
      const sealed = storage.encrypt(SECRET);
      expect(sealed).not.toContain(SECRET);
      expect(storage.decrypt(sealed)).toBe(SECRET);
    }
  });

  it("refuses to seal on Linux without a keyring ('basic_text'), or where safeStorage is unavailable, and says so", () => {
    const basic = createSecretStorage(fakeSafeStorage({ backend: 'basic_text' }), 'linux');
    expect(basic.status()).toEqual({ protected: false, backend: 'basic_text' });
    expect(() => basic.encrypt(SECRET)).toThrow(/cannot be encrypted on this computer \(safeStorage backend: basic_text\)/);
    const none = createSecretStorage(fakeSafeStorage({ available: false }), 'linux');
    expect(none.status()).toEqual({ protected: false, backend: 'unavailable' });
    expect(() => none.encrypt(SECRET)).toThrow(/backend: unavailable/);
  });

  it('reports a locked keyring or a foreign ciphertext on opening', () => {
    const safe = fakeSafeStorage();
    const storage = createSecretStorage(safe, 'linux');
    const sealed = storage.encrypt(SECRET);
    expect(() => storage.decrypt(Buffer.from('garbage').toString('base64'))).toThrow(/decrypting/);
    safe.available = false;
    expect(() => storage.decrypt(sealed)).toThrow(/keyring .* is not available now/);
  });

  it('takes only room secrets to seal and base64 to open (IPC validators)', () => {
    expect(validateSecretToSeal(SECRET)).toBe(SECRET);
    for (const bad of [SECRET.toUpperCase(), 'x'.repeat(32), `${SECRET}0`, 42, '']) {
      expect(() => validateSecretToSeal(bad)).toThrow(/secrets:encrypt/);
    }
    expect(validateSealedSecret('c2VhbGVk')).toBe('c2VhbGVk');
    for (const bad of ['not base64!', 'abc', 'A'.repeat(1028), null, '']) {
      expect(() => validateSealedSecret(bad)).toThrow(/secrets:decrypt/);
    }
  });
});
