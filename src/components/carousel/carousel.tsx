import { Children, useId, type ReactNode } from 'react';
import styles from './carousel.module.css';
import { useCarousel } from './use-carousel';

type CarouselProps = {
  /** The visible heading that names the carousel, e.g. "Related articles". */
  heading: ReactNode;
  /** One element per item; each becomes a list item. */
  children: ReactNode;
};

/**
 * A horizontally scrolling row of items (WAI-ARIA carousel pattern): a region named by its heading,
 * a scroll-snap list that touch, wheel and keyboard can scroll, and Previous/Next buttons by page.
 */
export function Carousel({ heading, children }: CarouselProps) {
  const items = Children.toArray(children);
  const headingId = useId();
  const trackId = useId();
  const { trackRef, canGoPrevious, canGoNext, previous, next } = useCarousel(items.length);

  return (
    <section className={styles.carousel} aria-labelledby={headingId} aria-roledescription="carousel">
      <div className={styles.header}>
        <h2 id={headingId} className={styles.heading}>
          {heading}
        </h2>
        {(canGoPrevious || canGoNext) && (
          <div className={styles.controls}>
            <button
              type="button"
              className={styles.button}
              aria-controls={trackId}
              onClick={previous}
              disabled={!canGoPrevious}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M15 5l-7 7 7 7" />
              </svg>
              <span className="visually-hidden">Previous</span>
            </button>
            <button
              type="button"
              className={styles.button}
              aria-controls={trackId}
              onClick={next}
              disabled={!canGoNext}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M9 5l7 7-7 7" />
              </svg>
              <span className="visually-hidden">Next</span>
            </button>
          </div>
        )}
      </div>
      <ul id={trackId} ref={trackRef} className={styles.track}>
        {items.map((item, position) => (
          <li key={position} className={styles.item}>
            {item}
          </li>
        ))}
      </ul>
    </section>
  );
}
