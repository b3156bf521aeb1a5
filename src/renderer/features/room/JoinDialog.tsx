// Join a room: paste a join code (or sitrep:// link), or pick a room found nearby and type its
// secret. Every way a code can be wrong gets its own message, and a failed join creates nothing.
import { useEffect, useState } from 'react';
import { parseJoinInput, type Invitation } from '@core/joinCode';
import type { NearbyRoom } from '../../platform/platform';
import { useServices } from '../../app/services';
import { useUiStore } from '../../state/uiStore';
import { FormDialog } from '../../ui/FormDialog';
import { formatTimeAgo } from '@core/time/durations';

const SECRET = /^[0-9a-f]{32}$/;

/** Reads a typed room secret: hex in any case, spaces and dashes ignored. */
export function parseSecret(text: string): { ok: true; secret: string } | { ok: false; message: string } {
  const compact = text.replace(/[\s-]/g, '').toLowerCase();
  if (compact === '') return { ok: false, message: 'Type the room secret that the incident commander reads out from the Invite dialog.' };
  if (/[^0-9a-f]/.test(compact)) return { ok: false, message: 'A room secret has only the digits 0-9 and the letters a-f.' };
  if (!SECRET.test(compact)) return { ok: false, message: `A room secret is 32 characters long; this one has ${compact.length}.` };
  return { ok: true, secret: compact };
}

export function JoinDialog() {
  const open = useUiStore((s) => s.joinOpen);
  const setOpen = useUiStore((s) => s.setJoinOpen);
  const openIncident = useUiStore((s) => s.openIncident);
  const { sessions, platform } = useServices();
  const [code, setCode] = useState('');
  const [nearby, setNearby] = useState<NearbyRoom[] | null>(null);
  const [nearbyProblem, setNearbyProblem] = useState<string | null>(null);
  const [picked, setPicked] = useState<NearbyRoom | null>(null);
  const [secret, setSecret] = useState('');

  useEffect(() => {
    if (!open || !platform.lanAvailable) return;
    let live = true;
    setNearbyProblem(null);
    platform.discoverRooms(2500).then(
      (rooms) => live && setNearby(rooms),
      (error: unknown) => live && setNearbyProblem(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [open, platform]);

  const join = async (invitation: Invitation): Promise<true | string> => {
    try {
      const incidentId = await sessions.join(invitation);
      openIncident(incidentId);
      return true;
    } catch (error) {
      console.error('Sitrep: joining the room failed', error);
      return `The room could not be joined: ${error instanceof Error ? error.message : String(error)}`;
    }
  };

  const submit = async (): Promise<true | string> => {
    if (picked) {
      const parsed = parseSecret(secret);
      if (!parsed.ok) return parsed.message;
      return join({ roomId: picked.roomId, secret: parsed.secret, signaling: picked.signalingUrls.slice(0, 8) });
    }
    const parsed = parseJoinInput(code);
    if (!parsed.ok) return parsed.message;
    return join(parsed.invitation);
  };

  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      title="Join a room"
      description="Paste the join code the incident commander shared, or pick a room on this network."
      submitLabel="Join"
      onSubmit={submit}
      onClosed={() => {
        setCode('');
        setSecret('');
        setPicked(null);
        setNearby(null);
      }}
      wide
    >
      {!picked && (
        <div className="field">
          <label htmlFor="join-code-input">Join code</label>
          <textarea
            id="join-code-input"
            className="mono"
            rows={4}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder="SITREP1-… or sitrep://join/…"
            spellCheck={false}
            autoFocus
          />
        </div>
      )}
      <fieldset className="nearby">
        <legend className="field-label">Rooms nearby</legend>
        {!platform.lanAvailable && <p className="field-hint">Finding rooms on the local network needs the desktop app.</p>}
        {platform.lanAvailable && nearbyProblem && <p className="field-hint warn-text">{nearbyProblem}</p>}
        {platform.lanAvailable && !nearbyProblem && nearby === null && (
          <p className="field-hint" role="status">
            Looking for rooms on this network…
          </p>
        )}
        {nearby !== null && nearby.length === 0 && <p className="field-hint">No room found on this network.</p>}
        {nearby !== null && nearby.length > 0 && (
          <ul className="list" aria-label="Rooms nearby">
            {nearby.map((room) => (
              <li key={room.roomId} className="item">
                <div className="item-main">
                  <div className="item-title">{room.title}</div>
                  <div className="item-meta">
                    hosted by {room.hostName} · seen {formatTimeAgo(Date.now() - room.seenAt)}
                  </div>
                </div>
                <button
                  type="button"
                  className={`btn btn-small ${picked?.roomId === room.roomId ? 'btn-primary' : ''}`}
                  aria-pressed={picked?.roomId === room.roomId}
                  onClick={() => setPicked(picked?.roomId === room.roomId ? null : room)}
                >
                  {picked?.roomId === room.roomId ? 'Selected' : `Select ${room.title}`}
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      {picked && (
        <div className="field">
          <label htmlFor="room-secret-input">Room secret for “{picked.title}”</label>
          <input
            id="room-secret-input"
            className="mono"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            autoFocus
          />
          <span className="field-hint">The incident commander sees it in the Invite dialog.</span>
        </div>
      )}
    </FormDialog>
  );
}
