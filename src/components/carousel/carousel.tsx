import { Children, useId, type ReactNode } from 'react';
import { CarouselButton } from './carousel-button';
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
            <CarouselButton
              label="Previous"
              iconPath="M15 5l-7 7 7 7"
              trackId={trackId}
              disabled={!canGoPrevious}
              onClick={previous}
            />
            <CarouselButton
              label="Next"
              iconPath="M9 5l7 7-7 7"
              trackId={trackId}
              disabled={!canGoNext}
              onClick={next}
            />
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
