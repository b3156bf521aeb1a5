// A translated sentence with elements inside it (a name in bold, a quoted reason): the whole
// sentence is one catalog message, so each language orders its words; the elements are put back
// where the message placed their arguments.
import { Fragment, type ReactNode } from 'react';

const MARK = '\u0001';

/**
 * `render` gets a stand-in string for each element's argument and returns the translated text;
 * the text is cut around the stand-ins and the elements go in their places.
 */
export function withNodes<K extends string>(render: (slots: Record<K, string>) => string, nodes: Record<K, ReactNode>): ReactNode {
  const names = Object.keys(nodes) as K[];
  const slots = Object.fromEntries(names.map((name, index) => [name, `${MARK}${index}${MARK}`])) as Record<K, string>;
  const parts = render(slots).split(new RegExp(`${MARK}(\\d+)${MARK}`));
  return parts.map((part, index) =>
    // Odd parts are the captured indexes of the elements. The parts of one message never reorder.
    // biome-ignore lint/suspicious/noArrayIndexKey: the position in the sentence is the element's identity.
    index % 2 === 1 ? <Fragment key={index}>{nodes[names[Number(part)]!]}</Fragment> : part,
  );
}
