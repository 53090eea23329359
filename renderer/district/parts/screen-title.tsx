/**
 * A screen's heading, focused when the screen opens (tabIndex -1: focusable by script, not a Tab
 * stop). A screen-reader user hears the new screen's name; a keyboard user tabs on from there.
 */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

export function ScreenTitle({ id, children }: { id: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <h1 id={id} ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
