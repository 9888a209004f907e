import type { ReactNode } from 'react';

type Tone = 'danger' | 'warning' | 'info';

/**
 * A message box. Danger alerts use role="alert" (announced at once); the others are a polite
 * status. `title` is the first thing read.
 */
export function Alert({
  tone = 'info',
  title,
  children,
  action,
}: {
  tone?: Tone;
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'danger' ? 'alert' : 'status'}>
      <div style={{ flex: 1 }}>
        <p className="alert-title">{title}</p>
        {children}
      </div>
      {action}
    </div>
  );
}
