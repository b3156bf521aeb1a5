// Every catalog, imported statically so the main process, the renderer, Node scripts and tests
// all load them the same way. Generated shape: one import per namespace per language.
// When a namespace is added to namespaces.ts, add its four imports here (a unit test checks).
import type { Language } from './languages';
import type { Namespace } from './namespaces';
import en_common from '../../locales/en/common.json' with { type: 'json' };
import en_app from '../../locales/en/app.json' with { type: 'json' };
import en_palette from '../../locales/en/palette.json' with { type: 'json' };
import en_menu from '../../locales/en/menu.json' with { type: 'json' };
import en_warroom from '../../locales/en/warroom.json' with { type: 'json' };
import en_timeline from '../../locales/en/timeline.json' with { type: 'json' };
import en_review from '../../locales/en/review.json' with { type: 'json' };
import en_work from '../../locales/en/work.json' with { type: 'json' };
import en_room from '../../locales/en/room.json' with { type: 'json' };
import en_events from '../../locales/en/events.json' with { type: 'json' };
import en_refusals from '../../locales/en/refusals.json' with { type: 'json' };
import en_updates from '../../locales/en/updates.json' with { type: 'json' };
import en_export from '../../locales/en/export.json' with { type: 'json' };
import en_time from '../../locales/en/time.json' with { type: 'json' };
import ja_common from '../../locales/ja/common.json' with { type: 'json' };
import ja_app from '../../locales/ja/app.json' with { type: 'json' };
import ja_palette from '../../locales/ja/palette.json' with { type: 'json' };
import ja_menu from '../../locales/ja/menu.json' with { type: 'json' };
import ja_warroom from '../../locales/ja/warroom.json' with { type: 'json' };
import ja_timeline from '../../locales/ja/timeline.json' with { type: 'json' };
import ja_review from '../../locales/ja/review.json' with { type: 'json' };
import ja_work from '../../locales/ja/work.json' with { type: 'json' };
import ja_room from '../../locales/ja/room.json' with { type: 'json' };
import ja_events from '../../locales/ja/events.json' with { type: 'json' };
import ja_refusals from '../../locales/ja/refusals.json' with { type: 'json' };
import ja_updates from '../../locales/ja/updates.json' with { type: 'json' };
import ja_export from '../../locales/ja/export.json' with { type: 'json' };
import ja_time from '../../locales/ja/time.json' with { type: 'json' };
import zhCN_common from '../../locales/zh-CN/common.json' with { type: 'json' };
import zhCN_app from '../../locales/zh-CN/app.json' with { type: 'json' };
import zhCN_palette from '../../locales/zh-CN/palette.json' with { type: 'json' };
import zhCN_menu from '../../locales/zh-CN/menu.json' with { type: 'json' };
import zhCN_warroom from '../../locales/zh-CN/warroom.json' with { type: 'json' };
import zhCN_timeline from '../../locales/zh-CN/timeline.json' with { type: 'json' };
import zhCN_review from '../../locales/zh-CN/review.json' with { type: 'json' };
import zhCN_work from '../../locales/zh-CN/work.json' with { type: 'json' };
import zhCN_room from '../../locales/zh-CN/room.json' with { type: 'json' };
import zhCN_events from '../../locales/zh-CN/events.json' with { type: 'json' };
import zhCN_refusals from '../../locales/zh-CN/refusals.json' with { type: 'json' };
import zhCN_updates from '../../locales/zh-CN/updates.json' with { type: 'json' };
import zhCN_export from '../../locales/zh-CN/export.json' with { type: 'json' };
import zhCN_time from '../../locales/zh-CN/time.json' with { type: 'json' };
import ru_common from '../../locales/ru/common.json' with { type: 'json' };
import ru_app from '../../locales/ru/app.json' with { type: 'json' };
import ru_palette from '../../locales/ru/palette.json' with { type: 'json' };
import ru_menu from '../../locales/ru/menu.json' with { type: 'json' };
import ru_warroom from '../../locales/ru/warroom.json' with { type: 'json' };
import ru_timeline from '../../locales/ru/timeline.json' with { type: 'json' };
import ru_review from '../../locales/ru/review.json' with { type: 'json' };
import ru_work from '../../locales/ru/work.json' with { type: 'json' };
import ru_room from '../../locales/ru/room.json' with { type: 'json' };
import ru_events from '../../locales/ru/events.json' with { type: 'json' };
import ru_refusals from '../../locales/ru/refusals.json' with { type: 'json' };
import ru_updates from '../../locales/ru/updates.json' with { type: 'json' };
import ru_export from '../../locales/ru/export.json' with { type: 'json' };
import ru_time from '../../locales/ru/time.json' with { type: 'json' };

/** The English catalogs: the source of every key, and the type every other language follows. */
export const SOURCE_CATALOGS = {
  common: en_common,
  app: en_app,
  palette: en_palette,
  menu: en_menu,
  warroom: en_warroom,
  timeline: en_timeline,
  review: en_review,
  work: en_work,
  room: en_room,
  events: en_events,
  refusals: en_refusals,
  updates: en_updates,
  export: en_export,
  time: en_time,
} as const;

export type Catalog = Record<string, unknown>;

export const CATALOGS: Readonly<Record<Language, Readonly<Record<Namespace, Catalog>>>> = {
  en: {
    common: en_common,
    app: en_app,
    palette: en_palette,
    menu: en_menu,
    warroom: en_warroom,
    timeline: en_timeline,
    review: en_review,
    work: en_work,
    room: en_room,
    events: en_events,
    refusals: en_refusals,
    updates: en_updates,
    export: en_export,
    time: en_time,
  },
  ja: {
    common: ja_common,
    app: ja_app,
    palette: ja_palette,
    menu: ja_menu,
    warroom: ja_warroom,
    timeline: ja_timeline,
    review: ja_review,
    work: ja_work,
    room: ja_room,
    events: ja_events,
    refusals: ja_refusals,
    updates: ja_updates,
    export: ja_export,
    time: ja_time,
  },
  'zh-CN': {
    common: zhCN_common,
    app: zhCN_app,
    palette: zhCN_palette,
    menu: zhCN_menu,
    warroom: zhCN_warroom,
    timeline: zhCN_timeline,
    review: zhCN_review,
    work: zhCN_work,
    room: zhCN_room,
    events: zhCN_events,
    refusals: zhCN_refusals,
    updates: zhCN_updates,
    export: zhCN_export,
    time: zhCN_time,
  },
  ru: {
    common: ru_common,
    app: ru_app,
    palette: ru_palette,
    menu: ru_menu,
    warroom: ru_warroom,
    timeline: ru_timeline,
    review: ru_review,
    work: ru_work,
    room: ru_room,
    events: ru_events,
    refusals: ru_refusals,
    updates: ru_updates,
    export: ru_export,
    time: ru_time,
  },
};
