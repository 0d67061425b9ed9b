import { useEffect, useRef, type ReactNode } from 'react';
import { Bi } from './Bilingual';

/**
 * A screen's frame: its heading (level 1), focused when the screen opens so that keyboard and screen-reader users
 * start at its top, and the document title.
 */
export function Screen({ titleJa, titleEn, intro, children }: { titleJa: string; titleEn: string; intro?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${titleJa} · ${titleEn} — 連絡先デスク`;
    heading.current?.focus();
  }, [titleJa, titleEn]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1} className="screen-title">
        <Bi ja={titleJa} en={titleEn} />
      </h1>
      {intro ? <p className="screen-intro">{intro}</p> : null}
      {children}
    </>
  );
}
