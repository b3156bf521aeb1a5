// The short name of the zone the room shows times in ("JST", "UTC", "GMT+1"), as Intl writes it
// in the UI language, and its long name for a tooltip.

function zoneName(zone: string, language: string, at: number, style: 'short' | 'long'): string {
  if (zone === 'UTC') return 'UTC';
  try {
    const parts = new Intl.DateTimeFormat(language, { timeZone: zone, timeZoneName: style }).formatToParts(at);
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? zone;
  } catch {
    // A zone or language this runtime does not know: its IANA name still says which it is.
    return zone;
  }
}

export function zoneShortName(zone: string, language: string, at: number): string {
  return zoneName(zone, language, at, 'short');
}

export function zoneLongName(zone: string, language: string, at: number): string {
  return zoneName(zone, language, at, 'long');
}
