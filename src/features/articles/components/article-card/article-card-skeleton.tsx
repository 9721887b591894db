import styles from './article-card.module.css';

/**
 * An article card's exact shape while its data loads, so nothing moves when it arrives. The
 * feed shows a screenful of these on every new result, so the card pulses as one (a compositor
 * animation, and only once loading takes a while) instead of each bar repainting every frame.
 */
export function ArticleCardSkeleton() {
  return (
    <div className={`raised-card ${styles.card} ${styles.placeholder}`} aria-hidden="true">
      <span className={`${styles.media} ${styles.mediaSkeleton} ${styles.bar}`} />
      <div className={styles.body}>
        <span className={styles.bar} style={{ width: '40%', height: '1.25rem' }} />
        <span className={styles.bar} style={{ height: '1.5rem' }} />
        <span className={styles.bar} style={{ width: '70%', height: '1.5rem' }} />
        <span className={styles.bar} style={{ height: '1rem' }} />
        <span className={styles.bar} style={{ width: '85%', height: '1rem' }} />
      </div>
    </div>
  );
}
