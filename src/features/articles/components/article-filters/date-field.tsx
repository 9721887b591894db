import { useId } from 'react';
import { parseDay } from '../../utils/filters';
import styles from './article-filters.module.css';
import { Field } from './field';

type DateFieldProps = {
  label: string;
  value: string | null;
  onChange: (day: string | null) => void;
  min?: string | null;
  max?: string | null;
};

/** A native date input; only complete, real days reach the URL. */
export function DateField({ label, value, onChange, min, max }: DateFieldProps) {
  const id = useId();
  return (
    <Field id={id} label={label}>
      <input
        id={id}
        type="date"
        className={styles.control}
        value={value ?? ''}
        min={min ?? undefined}
        max={max ?? undefined}
        onChange={(event) => {
          const day = parseDay(event.target.value);
          if (day || event.target.value === '') onChange(day);
        }}
      />
    </Field>
  );
}
