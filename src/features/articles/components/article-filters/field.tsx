import type { ReactNode } from 'react';
import styles from './article-filters.module.css';

type FieldProps = {
  /** The control's id, which the label points at. */
  id: string;
  label: string;
  /** The control. */
  children: ReactNode;
};

/** One filter control under its visible label. */
export function Field({ id, label, children }: FieldProps) {
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {label}
      </label>
      {children}
    </div>
  );
}
