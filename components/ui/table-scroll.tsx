import type { ReactNode } from 'react';

/**
 * A wide table's horizontal scroll box (a phone scrolls the table, not the page). It is a named,
 * focusable region, so keyboard users can scroll it too (axe: scrollable-region-focusable).
 * Name it with `label`, or with `labelledBy` when the table has a caption.
 */
export function TableScroll({
  className,
  label,
  labelledBy,
  children,
}: {
  className?: string;
  children: ReactNode;
} & ({ label: string; labelledBy?: never } | { labelledBy: string; label?: never })) {
  return (
    <div
      className={className}
      tabIndex={0}
      role="region"
      aria-label={label}
      aria-labelledby={labelledBy}
    >
      {children}
    </div>
  );
}
