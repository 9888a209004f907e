import type { ReactNode } from 'react';

/**
 * One figure with its label and an optional note, as a `dt`/`dd` group: render inside a `<dl>`.
 * Styling comes from the caller (`className`), so the primitive stays layout-free.
 */
export function StatCard({
  label,
  value,
  note,
  tone,
  className,
}: {
  label: ReactNode;
  value: ReactNode;
  note?: ReactNode;
  tone?: 'warning';
  className?: string;
}) {
  return (
    <div className={className} data-tone={tone}>
      <dt>{label}</dt>
      <dd data-role="value">{value}</dd>
      {note ? <dd data-role="note">{note}</dd> : null}
    </div>
  );
}
