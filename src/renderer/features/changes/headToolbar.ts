// The records panel's tabs (changes, follow-ups) lay their toolbar over the panel's head, right of
// the tabs. How wide the toolbar is depends on the language, so it tells the panel (a CSS variable
// read by warroom/panelHeads.css), and the head keeps that much room free for it.
import { type RefObject, useLayoutEffect, useRef } from 'react';
import '../warroom/panelHeads.css';

const WIDTH = '--head-toolbar-width';

export function useHeadToolbar<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    const toolbar = ref.current;
    const panel = toolbar?.closest<HTMLElement>('.panel-records');
    if (!toolbar || !panel) return;
    const update = () => panel.style.setProperty(WIDTH, `${Math.ceil(toolbar.getBoundingClientRect().width)}px`);
    update();
    // Its width changes with the language and the count it shows; hidden (another panel in focus) it is 0.
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    observer?.observe(toolbar);
    return () => {
      observer?.disconnect();
      panel.style.removeProperty(WIDTH);
    };
  }, []);
  return ref;
}
