// Typed keys: `t('work:task.title')` is checked against the English catalogs at compile time.
import 'i18next';
import type { SOURCE_CATALOGS } from './catalogs';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof SOURCE_CATALOGS;
  }
}
