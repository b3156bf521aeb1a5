// Content addresses: the SHA-256 of a file's bytes, as lower-case hex, by WebCrypto (browser,
// Electron renderer and Node all have crypto.subtle).

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // digest wants an ArrayBuffer-backed view; a copy also keeps a later change of `bytes` out.
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(bytes));
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
