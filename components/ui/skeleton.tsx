import type { CSSProperties } from 'react';

/** A shimmering placeholder block; decorative, so hidden from assistive technology. */
export function Skeleton({
  width = '100%',
  height = 14,
  style,
}: {
  width?: number | string;
  height?: number | string;
  style?: CSSProperties;
}) {
  return <span aria-hidden="true" className="skeleton" style={{ width, height, ...style }} />;
}
