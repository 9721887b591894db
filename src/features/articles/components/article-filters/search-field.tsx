import { memo, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import styles from './article-filters.module.css';

const DEBOUNCE_MS = 250;

type SearchFieldProps = {
  /** The query in the URL. */
  value: string;
  /** Called after a pause in typing, and at once on Enter. */
  onSearch: (q: string) => void;
  /** Called on every change, before the pause: a chance to load what the search will need. */
  onType?: (draft: string) => void;
};

/**
 * A labelled search box that updates the results as the reader types, without a request per key.
 * Memoized: it re-renders when the query in the URL changes, not on every other filter change.
 */
export const SearchField = memo(function SearchField({ value, onSearch, onType }: SearchFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [urlValue, setUrlValue] = useState(value);
  // The last query this box sent: when it lands in the URL (a big index can take a while), the
  // reader may have typed on, and those keys must not be lost.
  const [sent, setSent] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // The URL changed from elsewhere (Clear all, Back): show its query, unless it is what was typed.
  if (value !== urlValue) {
    setUrlValue(value);
    if (value !== draft.trim() && value !== sent) setDraft(value);
  }

  const search = (q: string) => {
    clearTimeout(timer.current);
    setSent(q.trim());
    latestOnSearch.current(q);
  };

  // The pending search must merge with the filters as they are when it fires, not as they were
  // when the reader typed (another filter may have changed in between).
  const latestOnSearch = useRef(onSearch);
  useLayoutEffect(() => {
    latestOnSearch.current = onSearch;
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  const schedule = (next: string) => {
    setDraft(next);
    onType?.(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => search(next), DEBOUNCE_MS);
  };

  return (
    <div className={styles.search}>
      <label htmlFor={id} className={styles.label}>
        Search articles
      </label>
      <div className={styles.searchBox}>
        <svg className={styles.searchIcon} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
        <input
          id={id}
          type="search"
          name="q"
          className={styles.searchInput}
          placeholder="Search news"
          autoComplete="off"
          enterKeyHint="search"
          value={draft}
          onChange={(event) => schedule(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            search(draft);
          }}
        />
      </div>
    </div>
  );
});
