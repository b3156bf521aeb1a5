// The time-limited TURN credential must be exactly what coturn (use-auth-secret) recomputes: checked
// against Node's own HMAC implementation, not against the module's WebCrypto path.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TURN_CREDENTIAL_TTL_SECONDS,
  deriveTurnCredential,
  MAX_TURN_CREDENTIAL_TTL_SECONDS,
  TurnCredentialError,
  turnIceServer,
} from '../../src/core/relay/turnCredentials';

function nodeCredential(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}

const NOW = Date.UTC(2026, 11, 2, 13, 30, 15, 999);

describe('deriveTurnCredential', () => {
  it.each([
    ['north-sea-relay-secret', 'alice'],
    ['s', 'member-3f2a9c'],
    ['geheimnis-mit-ümlauten-и-кириллица', 'Zoë 🚒'],
    ['a'.repeat(200), 'b'.repeat(200)],
  ])('matches HMAC-SHA1 in base64 as Node computes it (secret %#)', async (secret, name) => {
    const derived = await deriveTurnCredential(secret, name, { now: NOW, ttlSeconds: 3600 });
    const expiry = Math.floor(NOW / 1000) + 3600;
    expect(derived.username).toBe(`${expiry}:${name}`);
    expect(derived.expiresAt).toBe(expiry);
    expect(derived.credential).toBe(nodeCredential(secret, `${expiry}:${name}`));
    // SHA-1 is 20 bytes: 28 base64 characters with one padding character.
    expect(derived.credential).toMatch(/^[A-Za-z0-9+/]{27}=$/);
  });

  it('expires after the default lifetime, counted in whole seconds from now', async () => {
    const derived = await deriveTurnCredential('secret', 'bob', { now: NOW });
    expect(derived.expiresAt).toBe(Math.floor(NOW / 1000) + DEFAULT_TURN_CREDENTIAL_TTL_SECONDS);
  });

  it('gives another credential for another secret, name or expiry', async () => {
    const base = await deriveTurnCredential('secret', 'bob', { now: NOW, ttlSeconds: 60 });
    expect((await deriveTurnCredential('secret2', 'bob', { now: NOW, ttlSeconds: 60 })).credential).not.toBe(base.credential);
    expect((await deriveTurnCredential('secret', 'bob2', { now: NOW, ttlSeconds: 60 })).credential).not.toBe(base.credential);
    expect((await deriveTurnCredential('secret', 'bob', { now: NOW, ttlSeconds: 61 })).credential).not.toBe(base.credential);
  });

  it.each([
    ['', 'bob', /secret is empty/],
    ['secret', '', /name is empty/],
    ['secret', 'bob:admin', /may not contain ":"/],
    ['secret', 'bob\nadmin', /control characters/],
    ['secret', 'x'.repeat(201), /201 characters long/],
  ])('refuses secret %j with name %j, saying why', async (secret, name, message) => {
    await expect(deriveTurnCredential(secret, name, { now: NOW })).rejects.toThrow(message);
    await expect(deriveTurnCredential(secret, name, { now: NOW })).rejects.toBeInstanceOf(TurnCredentialError);
  });

  it.each([0, -5, 1.5, MAX_TURN_CREDENTIAL_TTL_SECONDS + 1, Number.NaN])('refuses a lifetime of %s seconds', async (ttlSeconds) => {
    await expect(deriveTurnCredential('secret', 'bob', { now: NOW, ttlSeconds })).rejects.toThrow(/whole number of seconds/);
  });

  it('builds the ICE server entry with the username and credential, never the secret', async () => {
    const derived = await deriveTurnCredential('the-shared-secret', 'bob', { now: NOW, ttlSeconds: 60 });
    const server = turnIceServer('turn:203.0.113.1:3478', derived);
    expect(server).toEqual({ urls: 'turn:203.0.113.1:3478', username: derived.username, credential: derived.credential });
    expect(JSON.stringify(server)).not.toContain('the-shared-secret');
  });
});
