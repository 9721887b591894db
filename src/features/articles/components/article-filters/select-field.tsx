import { useId, type ReactNode } from 'react';
import styles from './article-filters.module.css';
import { Field } from './field';

type SelectFieldProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** `<option>` elements. */
  children: ReactNode;
};

export function SelectField({ label, value, onChange, children }: SelectFieldProps) {
  const id = useId();
  return (
    <Field id={id} label={label}>
      <select id={id} className={styles.control} value={value} onChange={(event) => onChange(event.target.value)}>
        {children}
      </select>
    </Field>
  );
}
