import type { ReactNode } from 'react';

/** Text for screen readers only (e.g. why a cell shows a dash). */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="sr-only">{children}</span>;
}
