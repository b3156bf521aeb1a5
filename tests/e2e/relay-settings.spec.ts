// Journey: the commander puts the team's relay (a coturn with use-auth-secret) into Network
// settings. A bad address and a short secret are each refused with their own message and keep
// what was typed; once saved, the secret is never shown back (only its last four characters), and
// the Invite code carries the relay with a credential derived for joiners, never the secret (the
// test decodes the code and recomputes the credential with Node's HMAC). A responder whose code
// brings an expired relay credential still joins and is told why the relay will not help.
// Every address is 127.0.0.1 (closed ports): no relay or peer is contacted.
import { createHmac } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { base32crockford } from '@scure/base';
import { encodeJoinCode, JOIN_CODE_PREFIX, parseJoinInput } from '../../src/core/joinCode';
import { BrowserProfile, completeFirstRun, declareIncident, screenshotsAtLaptopSizes, StillClock } from './support/app';

const START = new Date('2026-03-02T09:00:00Z');
const RELAY_SECRET = 'north-sea-relay-3f1c9e07d2b84a65';
const RELAY = 'turn:127.0.0.1:45131';

test('the relay in Network settings: clear refusals, the secret never shown back, and the Invite code carries the relay, not the secret', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: 'Checkout returns 500', severity: 'SEV1' });
    await page.getByRole('button', { name: 'Invite' }).click();
    const invite = page.getByRole('dialog', { name: 'Invite responders' });
    await invite.getByRole('button', { name: 'Network settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Network settings' });
    const address = settings.getByLabel(/^Relay for members on other networks/);
    const secret = settings.getByLabel('Relay secret');
    const save = settings.getByRole('button', { name: 'Save' });
    await settings.getByLabel('Signaling servers (one per line)').fill('ws://127.0.0.1:45132');

    for (const [typed, message] of [
      ['turn://127.0.0.1:45131', /has "\/\/"; write it as turn:relay\.example\.org:3478, without slashes/],
      ['turn:127.0.0.1', /has no port; add it/],
      ['stun:127.0.0.1:45131', /does not start with turn: or turns:/],
    ] as const) {
      await address.fill(typed);
      await secret.fill(RELAY_SECRET);
      await save.click();
      await expect(settings.getByRole('alert')).toHaveText(message);
      // Nothing typed is lost.
      await expect(address).toHaveValue(typed);
      await expect(secret).toHaveValue(RELAY_SECRET);
    }
    await address.fill(RELAY);
    await secret.fill('too-short');
    await save.click();
    await expect(settings.getByRole('alert')).toHaveText(/The relay secret has 9 characters; .* at least 16/);
    await screenshotsAtLaptopSizes(page, 'relay-settings-refused');
    await secret.fill(RELAY_SECRET);
    await save.click();
    await expect(settings).toBeHidden();

    // The code carries the relay with a 24 h joiner credential, recomputed here with Node's HMAC.
    await expect(invite.getByTestId('invite-relay')).toContainText(`Relay in the code: ${RELAY}`);
    await expect(invite.getByTestId('invite-relay')).toContainText('valid until 2026-03-03 09:00 UTC');
    const code = await invite.getByLabel('Join code').inputValue();
    const parsed = await parseJoinInput(code);
    if (!parsed.ok) throw new Error(parsed.message);
    const expiresAt = START.getTime() / 1000 + 24 * 60 * 60;
    expect(parsed.invitation.relay).toEqual({
      url: RELAY,
      username: `${expiresAt}:joiner`,
      credential: createHmac('sha1', RELAY_SECRET).update(`${expiresAt}:joiner`).digest('base64'),
      expiresAt,
    });
    const bytes = Buffer.from(base32crockford.decode(code.slice(JOIN_CODE_PREFIX.length).replace(/-/g, '')));
    expect(bytes.includes(Buffer.from(RELAY_SECRET))).toBe(false);
    expect(code).not.toContain(RELAY_SECRET);
    await screenshotsAtLaptopSizes(page, 'relay-invite');

    // Opened again (from the connection dialog): the address, and of the secret only its ending.
    await invite.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: /^Connection:/ }).click();
    const connection = page.getByRole('dialog', { name: 'Room connection' });
    await connection.getByRole('button', { name: 'Network settings' }).click();
    await expect(address).toHaveValue(RELAY);
    await expect(secret).toHaveValue('');
    await expect(secret).toHaveAttribute('placeholder', /ending in …4a65/);
    expect(await page.content()).not.toContain(RELAY_SECRET);
    await screenshotsAtLaptopSizes(page, 'relay-settings-saved');
    // Saving without typing the secret keeps it: the code still carries a credential from it.
    await save.click();
    await expect(settings).toBeHidden();
    await connection.getByRole('button', { name: 'Invite responders' }).click();
    await expect(invite.getByTestId('invite-relay')).toContainText(`Relay in the code: ${RELAY}`);
    const again = await parseJoinInput(await invite.getByLabel('Join code').inputValue());
    expect(again.ok && again.invitation.relay?.credential).toBe(parsed.invitation.relay?.credential);
  } finally {
    await profile.dispose();
  }
});

test('a code whose relay credential has expired still joins, and says the relay will not help', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Blake Responder');
    const expiresAt = START.getTime() / 1000 - 60 * 60;
    const code = await encodeJoinCode({
      roomId: '0123456789abcdef0123456789abcdef',
      secret: 'fedcba9876543210fedcba9876543210',
      signaling: ['ws://127.0.0.1:45133'],
      relay: {
        url: RELAY,
        username: `${expiresAt}:joiner`,
        credential: createHmac('sha1', RELAY_SECRET).update(`${expiresAt}:joiner`).digest('base64'),
        expiresAt,
      },
    });
    await page.getByRole('button', { name: 'Join room' }).click();
    const dialog = page.getByRole('dialog', { name: 'Join a room' });
    await dialog.getByLabel('Join code').fill(code);
    await dialog.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('The relay credential in this join code expired on 2026-03-02 08:00 UTC.', { exact: false })).toBeVisible();
    await expect(page.getByText(/ask a member for a fresh code from the Invite dialog/)).toBeVisible();
    await screenshotsAtLaptopSizes(page, 'relay-expired-join');
  } finally {
    await profile.dispose();
  }
});
