import styles from './carousel.module.css';

type CarouselButtonProps = {
  /** The button's accessible name: "Previous" or "Next". */
  label: string;
  /** The chevron's SVG path. */
  iconPath: string;
  trackId: string;
  disabled: boolean;
  onClick: () => void;
};

/** A Previous/Next control of the carousel: an icon with a name for assistive technology. */
export function CarouselButton({ label, iconPath, trackId, disabled, onClick }: CarouselButtonProps) {
  return (
    <button type="button" className={styles.button} aria-controls={trackId} onClick={onClick} disabled={disabled}>
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d={iconPath} />
      </svg>
      <span className="visually-hidden">{label}</span>
    </button>
  );
}
