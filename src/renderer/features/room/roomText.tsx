// Sentences of the room that come from outside a component (join-code refusals, dropped peers,
// problems found by the network settings), rendered through the `room` catalog in the UI's language.
import { createI18n } from '@core/i18n';
import { JoinCodeError, type JoinCodeMessage } from '@core/joinCode';
import type { TFunction } from 'i18next';
import { Fragment, type ReactNode } from 'react';
import type { DroppedPeer } from '../../sync/rooms/peerGuard';
import { RoomSecretUnavailableError } from '../../sync/storage/roomCredentials';
import { useT } from '../../i18n';

export type RoomT = TFunction<'room'>;

let english: RoomT | null = null;

/** The room's messages in English: the default of the plain functions unit tests call without a UI. */
export function englishRoomT(): RoomT {
  english ??= createI18n('en').getFixedT('en', 'room');
  return english;
}

/** The room namespace of the UI language. */
export function useRoomT(): RoomT {
  return useT('room');
}

/** A join-code message (a refusal, an address that cannot be used) in the reader's language. */
export function joinCodeText(t: RoomT, message: JoinCodeMessage): string {
  const params = message.detail ? { ...message.params, detail: joinCodeText(t, message.detail) } : message.params;
  return t(`joinCode.${message.code}`, params);
}

/** What went wrong, for a sentence: a join-code message in the reader's language, else the error's own words. */
export function errorText(t: RoomT, error: unknown): string {
  if (error instanceof JoinCodeError) return joinCodeText(t, error);
  if (error instanceof RoomSecretUnavailableError) {
    return error.key === 'keyringClosed'
      ? t('secretAtRest.keyringClosed', { error: error.params.error ?? '' })
      : t(`secretAtRest.${error.key}`);
  }
  return error instanceof Error ? error.message : String(error);
}

/** Why a peer was dropped. A hostile peer's detail comes from the part of the room that caught it, in English. */
export function droppedPeerText(t: RoomT, dropped: DroppedPeer): string {
  if (dropped.reason === 'oversized') return t('dropped.oversized');
  if (dropped.reason === 'hostile') return dropped.detail ? t('dropped.hostile', { detail: dropped.detail }) : t('dropped.hostileUnknown');
  return t('dropped.malformed', { count: dropped.count });
}

/** Names joined the way the language lists them ("Ana, Bo"; 「アナ、ボー」). */
export function joinNames(t: RoomT, names: readonly string[]): string {
  return names.join(t('listSeparator'));
}

// A character no message contains, standing for an element inside a translated sentence.
const SLOT = '\u{E000}';

/**
 * A translated sentence with elements in it (a <bdi> title, a <code> command, mono addresses):
 * the sentence is translated whole with a placeholder argument, then split there, so each
 * language keeps its own word order around the element.
 */
export function Sentence({
  text,
  slots,
}: {
  text: (slot: (name: string) => string) => string;
  slots: Readonly<Record<string, ReactNode>>;
}) {
  const names = Object.keys(slots);
  const rendered = text((name) => `${SLOT}${names.indexOf(name)}${SLOT}`);
  const parts = rendered.split(SLOT);
  return (
    <>
      {parts.map((part, i) => {
        // Odd parts are slot indexes; even parts are the sentence's own text.
        const key = `${i}`;
        if (i % 2 === 0) return <Fragment key={key}>{part}</Fragment>;
        const name = names[Number(part)];
        return <Fragment key={key}>{name === undefined ? null : slots[name]}</Fragment>;
      })}
    </>
  );
}
