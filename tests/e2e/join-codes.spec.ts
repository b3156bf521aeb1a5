// Journey: a responder pastes join codes, good and bad. A code altered after it was made, a code
// of the old unauthenticated format and a code whose address carries a path are each refused with
// their own message and create nothing. A second code for a room this laptop already has, with
// another secret and another address (what someone who knows only the public room id can make),
// shows what it would change and changes nothing until confirmed; Cancel keeps the room as it was.
// Signaling addresses are closed ports on 127.0.0.1: nothing here needs a peer.
import { createHmac } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { encodeJoinCode, JOIN_CODE_PREFIX, JOIN_CODE_TAG_BYTES, JOIN_CODE_TAG_LABEL, parseJoinInput } from '../../src/core/joinCode';
import { BrowserProfile, completeFirstRun, declareIncident, screenshotsAtLaptopSizes, StillClock } from './support/app';

const START = new Date('2026-03-02T09:00:00Z');
const ROOM_ID = '0123456789abcdef0123456789abcdef';
const GENUINE = { roomId: ROOM_ID, secret: 'fedcba9876543210fedcba9876543210', signaling: ['ws://127.0.0.1:45101'] };
// Same public room id, the forger's own secret and address.
const FORGED = { roomId: ROOM_ID, secret: '00112233445566778899aabbccddeeff', signaling: ['ws://127.0.0.1:45102'] };
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A code with a correct tag around an address Sitrep's encoder would refuse to write. */
function codeWithAddress(address: string): string {
  const bytes = [...Buffer.from(GENUINE.roomId, 'hex'), ...Buffer.from(GENUINE.secret, 'hex'), 1, address.length, ...Buffer.from(address)];
  while ((bytes.length + JOIN_CODE_TAG_BYTES) % 5 !== 0) bytes.push(0);
  const tag = createHmac('sha256', Buffer.from(GENUINE.secret, 'hex'))
    .update(JOIN_CODE_TAG_LABEL)
    .update(Uint8Array.of(0))
    .update(Uint8Array.from(bytes))
    .digest()
    .subarray(0, JOIN_CODE_TAG_BYTES);
  const bits = [...bytes, ...tag].map((b) => b.toString(2).padStart(8, '0')).join('');
  let body = '';
  for (let i = 0; i < bits.length; i += 5) body += ALPHABET[parseInt(bits.slice(i, i + 5), 2)];
  return JOIN_CODE_PREFIX + body;
}

async function openJoin(page: Page) {
  await page.getByRole('button', { name: 'Join room' }).click();
  const dialog = page.getByRole('dialog', { name: 'Join a room' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function homeIncidentCount(page: Page): Promise<number> {
  await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
  return page.getByRole('main').getByRole('listitem').count();
}

async function backHome(page: Page): Promise<void> {
  await page.getByRole('status', { name: 'Waiting for the room' }).getByRole('button', { name: 'Back to incidents' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
}

test('refuses altered, outdated and non-canonical codes, and asks before a code changes a known room', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Blake Responder');
    const genuine = await encodeJoinCode(GENUINE);
    const forged = await encodeJoinCode(FORGED);
    const before = await homeIncidentCount(page);

    // Each bad code: its own message, and nothing created.
    const dialog = await openJoin(page);
    const field = dialog.getByLabel('Join code');
    const submit = dialog.getByRole('button', { name: 'Join', exact: true });
    const last = genuine.at(-1) === 'A' ? 'B' : 'A';
    const bad: [string, RegExp][] = [
      [`${genuine.slice(0, -1)}${last}`, /does not check out: it was mistyped, cut off when it was copied, or altered/],
      [genuine.replace('SITREP2-', 'SITREP1-'), /earlier version of Sitrep.*Ask the incident commander for a fresh code/],
      [codeWithAddress('ws://127.0.0.1:45101/steal'), /has a path \(\/steal\)/],
      [codeWithAddress('ws://eve:pw@127.0.0.1:45101'), /contains a user name or password/],
    ];
    for (const [code, message] of bad) {
      await field.fill(code);
      await submit.click();
      await expect(dialog.getByRole('alert')).toHaveText(message);
    }
    await screenshotsAtLaptopSizes(page, 'join-code-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await homeIncidentCount(page)).toBe(before);

    // The genuine code joins (the room is on closed ports: it waits for its peers).
    await (await openJoin(page)).getByLabel('Join code').fill(genuine);
    await page.getByRole('dialog', { name: 'Join a room' }).getByRole('button', { name: 'Join', exact: true }).click();
    await expect(page.getByRole('status', { name: 'Waiting for the room' })).toBeVisible();
    await backHome(page);
    const joined = await homeIncidentCount(page);
    expect(joined).toBe(before + 1);

    // The forged code for the same room: the confirm step names every change; Cancel keeps all.
    let join = await openJoin(page);
    await join.getByLabel('Join code').fill(forged);
    await join.getByRole('button', { name: 'Join', exact: true }).click();
    const confirm = join.getByRole('region', { name: 'This laptop already has this room' });
    await expect(confirm).toBeVisible();
    const changes = confirm.getByRole('list', { name: 'What the code would change' });
    await expect(changes.getByRole('listitem')).toHaveCount(3);
    await expect(changes).toContainText('The room secret.');
    await expect(changes).toContainText('accept it only if it came from the incident commander');
    await expect(changes).toContainText('Adds signaling address ws://127.0.0.1:45102.');
    await expect(changes).toContainText('Stops using signaling address ws://127.0.0.1:45101.');
    await expect(join.getByRole('button', { name: 'Update room and join' })).toBeVisible();
    await screenshotsAtLaptopSizes(page, 'join-code-known-room-confirm');
    await join.getByRole('button', { name: 'Cancel' }).click();
    await expect(join).toBeHidden();

    // Nothing changed: the genuine code still matches the stored room and joins without a question.
    join = await openJoin(page);
    await join.getByLabel('Join code').fill(genuine);
    await join.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(page.getByRole('status', { name: 'Waiting for the room' })).toBeVisible();
    await backHome(page);
    expect(await homeIncidentCount(page)).toBe(joined);

    // Editing the code after the question clears it: a different code is asked about afresh.
    join = await openJoin(page);
    await join.getByLabel('Join code').fill(forged);
    await join.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(join.getByRole('button', { name: 'Update room and join' })).toBeVisible();
    await join.getByLabel('Join code').fill(`${forged} `);
    await expect(join.getByRole('region', { name: 'This laptop already has this room' })).toBeHidden();
    await expect(join.getByRole('button', { name: 'Join', exact: true })).toBeVisible();

    // Confirmed: the room takes the new secret and address (the genuine code is now the one asked about).
    await join.getByRole('button', { name: 'Join', exact: true }).click();
    await join.getByRole('button', { name: 'Update room and join' }).click();
    await expect(page.getByRole('status', { name: 'Waiting for the room' })).toBeVisible();
    await backHome(page);
    expect(await homeIncidentCount(page)).toBe(joined);
    join = await openJoin(page);
    await join.getByLabel('Join code').fill(genuine);
    await join.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(join.getByRole('region', { name: 'This laptop already has this room' })).toContainText('The room secret.');
    await join.getByRole('button', { name: 'Cancel' }).click();
  } finally {
    await profile.dispose();
  }
});

test('the Invite dialog shows a SITREP2 code signed with the room secret, and says how the secret is kept here', async () => {
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
    await settings.getByLabel('Signaling servers (one per line)').fill('ws://127.0.0.1:45103');
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(settings).toBeHidden();

    const field = invite.getByLabel('Join code');
    await expect(field).toHaveValue(/^SITREP2-/);
    const parsed = await parseJoinInput(await field.inputValue());
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.invitation.signaling).toEqual(['ws://127.0.0.1:45103']);
    const secret = (await invite.locator('.secret').textContent())?.replace(/\s/g, '');
    expect(parsed.invitation.secret).toBe(secret);
    await expect(invite.getByText('This browser keeps the secret unencrypted in its site storage.')).toBeVisible();
    await screenshotsAtLaptopSizes(page, 'invite-sitrep2');
  } finally {
    await profile.dispose();
  }
});
