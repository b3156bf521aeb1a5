// Records desktop notifications instead of showing them, so a test can count them.
import type { Page } from '@playwright/test';

export interface ShownNotification {
  title: string;
  body: string;
}

/** Runs in the page (pass to page.addInitScript): replaces Notification with a recorder. */
export function fakeNotifications() {
  const shown: Array<{ title: string; body: string }> = [];
  (window as unknown as { __notifications: typeof shown }).__notifications = shown;
  class RecordingNotification {
    static permission = 'granted';
    static requestPermission = async () => 'granted';
    constructor(title: string, options?: { body?: string }) {
      shown.push({ title, body: options?.body ?? '' });
    }
  }
  Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true });
}

export const shownNotifications = (page: Page): Promise<ShownNotification[]> =>
  page.evaluate(() => (window as unknown as { __notifications: ShownNotification[] }).__notifications);
