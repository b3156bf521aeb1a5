// A folded part of a panel (done tasks, ruled-out hypotheses, rolled-back changes): a count that
// expands. Folded content is not rendered at all, so a long settled list costs the room nothing.
import { type ReactNode, useId, useState } from 'react';

export function Fold({ label, count, children }: { label: string; count: number; children: () => ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  if (count === 0) return null;
  return (
    <div className="fold">
      <button type="button" className="fold-toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        <span className="fold-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        {label} ({count})
      </button>
      <div id={id} hidden={!open}>
        {open && children()}
      </div>
    </div>
  );
}
