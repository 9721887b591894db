import type { ReactNode } from 'react';
import { isHttpUrl } from '../../utils/safe-url';

type ExternalLinkProps = {
  /** Untrusted: only an http(s) URL becomes a link; anything else leaves the text unlinked. */
  href: string | null;
  children: ReactNode;
  className?: string;
};

/** A link to another site that opens in a new tab, says so, and gives away neither opener nor referrer. */
export function ExternalLink({ href, children, className }: ExternalLinkProps) {
  if (!isHttpUrl(href)) return <span className={className}>{children}</span>;
  return (
    <a className={className} href={href} target="_blank" rel="noopener noreferrer">
      {children} <span className="visually-hidden">(opens in a new tab)</span>
    </a>
  );
}
