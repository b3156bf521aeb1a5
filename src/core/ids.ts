// Random record ids: short, because each is stored many times in a long incident, and with
// 71 bits of randomness so that peers creating records offline never collide.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function newId(length = 12): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  // 62 does not divide 256; the bias (under 2%) costs a fraction of a bit and keeps this simple.
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}
