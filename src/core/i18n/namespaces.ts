// The catalog namespaces: one JSON file per namespace per language in src/locales/<lang>/.
// Each belongs to one part of the app, so people translating or changing one area touch one file.

export const NAMESPACES = [
  /** Shared vocabulary: severities, phases, roles, statuses, common buttons. */
  'common',
  /** The app shell, Home, the library, identity, profile, settings, unsaved changes. */
  'app',
  /** The command palette, its actions and the shortcut help. */
  'palette',
  /** The application menu (main process). */
  'menu',
  /** The war room's header, panels' frame, metrics, authority banners and conflicts. */
  'warroom',
  /** The timeline, quick entry, corrections, back-fill and attachments. */
  'timeline',
  /** The post-incident review view. */
  'review',
  /** People, roles, tasks, check-backs, hypotheses, milestones, changes and follow-ups. */
  'work',
  /** Connection, joining, invitations, hosting and network settings. */
  'room',
  /** Automatic timeline entries, rendered from structured events. */
  'events',
  /** Why a command was refused. */
  'refusals',
  /** Status updates: the composer, policy and the templates in every language. */
  'updates',
  /** Exports: the dialog and the documents it writes. */
  'export',
  /** Times, zones and durations. */
  'time',
] as const;
export type Namespace = (typeof NAMESPACES)[number];
