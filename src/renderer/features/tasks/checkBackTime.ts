// The "Check back in" choice in the room (its clock reads through formatTimer in core/time).

/** The choice in a "Check back in" select: no time box, a preset, or custom minutes. */
export type CheckBackChoice = '' | '5' | '10' | '15' | '30' | 'custom';

/** Minutes for a choice; custom minutes go to the command as typed, which validates them. */
export function choiceMinutes(choice: CheckBackChoice, custom: string): number | null {
  if (choice === '') return null;
  if (choice === 'custom') return custom.trim() === '' ? Number.NaN : Number(custom);
  return Number(choice);
}
