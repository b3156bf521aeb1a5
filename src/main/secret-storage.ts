// Room secrets at rest: the renderer keeps each room's secret in IndexedDB, sealed by Electron's
// safeStorage (Keychain on macOS, DPAPI on Windows, the desktop keyring on Linux) through these
// calls. Where safeStorage has no key the system protects (Linux without a keyring selects
// 'basic_text', a key written into Chromium), sealing would only look like protection, so
// encrypt refuses and the renderer keeps the secret as it did before and says so.
import type { SecretStorageStatus } from '../shared/ipc';

/** The part of Electron's safeStorage used here, so tests can pass a fake. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

export class SecretStorageError extends Error {
  override name = 'SecretStorageError';
}

export interface SecretStorage {
  status(): SecretStorageStatus;
  encrypt(secret: string): string;
  decrypt(sealed: string): string;
}

export function createSecretStorage(safe: SafeStorageLike, platform: string): SecretStorage {
  const status = (): SecretStorageStatus => {
    if (!safe.isEncryptionAvailable()) return { protected: false, backend: 'unavailable' };
    const backend =
      platform === 'darwin'
        ? 'keychain'
        : platform === 'win32'
          ? 'dpapi'
          : platform === 'linux'
            ? (safe.getSelectedStorageBackend?.() ?? 'unknown')
            : 'unknown';
    return { protected: backend !== 'basic_text' && backend !== 'unknown', backend };
  };
  return {
    status,
    encrypt(secret) {
      const now = status();
      if (!now.protected) {
        throw new SecretStorageError(`Room secrets cannot be encrypted on this computer (safeStorage backend: ${now.backend}).`);
      }
      return safe.encryptString(secret).toString('base64');
    },
    decrypt(sealed) {
      if (!safe.isEncryptionAvailable()) {
        throw new SecretStorageError('The system keyring that sealed this room secret is not available now; unlock it or sign in again.');
      }
      return safe.decryptString(Buffer.from(sealed, 'base64'));
    },
  };
}
