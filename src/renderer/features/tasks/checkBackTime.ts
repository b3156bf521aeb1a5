// How check-back clocks read in the room: "4:32" left, or "1:05" overdue.

/** "4:32", or "1:02:03" past an hour; whole seconds, never negative. */
export function formatCheckBackClock(ms: number): string {
  const total = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The choice in a "Check back in" select: no time box, a preset, or custom minutes. */
export type CheckBackChoice = '' | '5' | '10' | '15' | '30' | 'custom';

/** Minutes for a choice; custom minutes go to the command as typed, which validates them. */
export function choiceMinutes(choice: CheckBackChoice, custom: string): number | null {
  if (choice === '') return null;
  if (choice === 'custom') return custom.trim() === '' ? Number.NaN : Number(custom);
  return Number(choice);
}
