// After sleep or a locked screen the laptop is often on another network (another Wi-Fi, a
// hotspot, a new lease): read its addresses at once rather than at the next interval.
import type { LanHost } from './lan-host';

/** The part of Electron's powerMonitor this needs, so a test can pass an EventEmitter. */
export interface WakeSource {
  on(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
}

export function checkAddressesOnWake(source: WakeSource, lanHost: Pick<LanHost, 'checkAddresses'>): void {
  source.on('resume', () => lanHost.checkAddresses('resume'));
  source.on('unlock-screen', () => lanHost.checkAddresses('unlock-screen'));
}
