import { useId, useMemo } from 'react';
import type { NewsProviderRef } from '../../../../feed/schema';
import styles from './article-filters.module.css';
import { Field } from './field';

/** The news providers to choose from, which load only when the reader reaches for the control. */
export interface NewsProviderChoice {
  /** Null until loaded: every news provider of a large feed is a large file. */
  newsProviders: readonly Pick<NewsProviderRef, 'slug' | 'name'>[] | null;
  failed: boolean;
  /** Start loading them (again, after a failure); called on focus and on pointer enter. */
  load: () => void;
}

type NewsProviderSelectProps = {
  choice: NewsProviderChoice;
  value: string | null;
  onChange: (slug: string | null) => void;
};

/** A labelled native select of news providers, filled once the list has loaded. */
export function NewsProviderSelect({ choice, value, onChange }: NewsProviderSelectProps) {
  const id = useId();
  const { newsProviders, failed, load } = choice;
  // Thousands of options: built once per list, so a new value re-renders the select, not each option.
  const options = useMemo(
    () =>
      newsProviders?.map((provider) => (
        <option key={provider.slug} value={provider.slug}>
          {provider.name}
        </option>
      )),
    [newsProviders],
  );
  return (
    <Field id={id} label="News provider">
      <select
        id={id}
        className={styles.control}
        value={value ?? ''}
        aria-busy={newsProviders === null && !failed}
        onFocus={load}
        onPointerEnter={load}
        onChange={(event) => onChange(event.target.value || null)}
      >
        <option value="">All news providers</option>
        {options}
        {/* Until the names arrive, a chosen provider (from the URL) is kept by its slug. */}
        {newsProviders === null && value && <option value={value}>{value}</option>}
        {newsProviders === null && (
          <option disabled>{failed ? 'News providers could not be loaded' : 'Loading news providers…'}</option>
        )}
      </select>
    </Field>
  );
}
