// Proves the session grants notifications and clipboard writes, and refuses every other permission.
import { describe, expect, it, vi } from 'vitest';
import { isPermissionGranted, restrictPermissions } from '../../src/main/permissions';

const REFUSED = [
  'media',
  'geolocation',
  'clipboard-read',
  'display-capture',
  'midiSysex',
  'openExternal',
  'fullscreen',
  'hid',
  'serial',
  'usb',
  'unknown',
];

function installedHandlers() {
  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  };
  restrictPermissions(session as never);
  const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (
    contents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
    details: unknown,
  ) => void;
  const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (
    contents: unknown,
    permission: string,
    origin: string,
    details: unknown,
  ) => boolean;
  const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (details: unknown) => boolean;
  return { request, check, device };
}

describe('session permissions', () => {
  it('installs request, check and device handlers', () => {
    const { request, check, device } = installedHandlers();
    expect(typeof request).toBe('function');
    expect(typeof check).toBe('function');
    expect(typeof device).toBe('function');
  });

  it('grants notifications on request and on check', () => {
    const { request, check } = installedHandlers();
    const callback = vi.fn();
    request({}, 'notifications', callback, {});
    expect(callback).toHaveBeenCalledExactlyOnceWith(true);
    expect(check({}, 'notifications', 'file://', {})).toBe(true);
    expect(isPermissionGranted('notifications')).toBe(true);
  });

  it('grants writing to the clipboard (Copy code) but never reading it', () => {
    const { request } = installedHandlers();
    const callback = vi.fn();
    request({}, 'clipboard-sanitized-write', callback, {});
    expect(callback).toHaveBeenCalledExactlyOnceWith(true);
    expect(isPermissionGranted('clipboard-read')).toBe(false);
  });

  it.each(REFUSED)('refuses %s on request and on check', (permission) => {
    const { request, check } = installedHandlers();
    const callback = vi.fn();
    request({}, permission, callback, {});
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    expect(check({}, permission, 'file://', {})).toBe(false);
  });

  it('refuses device access', () => {
    expect(installedHandlers().device({ deviceType: 'usb', origin: 'file://' })).toBe(false);
  });
});
