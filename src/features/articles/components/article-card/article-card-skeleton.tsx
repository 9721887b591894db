import styles from './article-card.module.css';

/**
 * An article card's exact shape while its data loads, so nothing moves when it arrives. The
 * feed shows a screenful of these with every new result count, in the frame that paints it:
 * static bars, so that frame neither restyles animated bars nor makes a layer per card. The feed
 * says it is loading (`aria-busy`, each row "Loading article").
 */
export function ArticleCardSkeleton() {
  return (
    <div className={`raised-card ${styles.card}`} aria-hidden="true">
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
