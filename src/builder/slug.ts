/**
 * Slugs: the only part of an input that ever becomes part of an output path, so they are
 * reduced to `[a-z0-9-]` here and nowhere else.
 */
import path from 'node:path';

/** Long enough for the corpus's longest file names, short enough for any file system. */
export const MAX_SLUG_LENGTH = 200;

/** Lower-case ASCII letters, digits and single dashes; '' when nothing is left. */
export function slugify(text: string): string {
  // Most file names are slugs already (one test instead of three replacements).
  if (text.length <= MAX_SLUG_LENGTH && IS_SLUG.test(text)) return text;
  // Folding accents (é → e) is only needed, and only costs, outside ASCII.
  const folded = /[^ -~]/.test(text) ? text.normalize('NFKD').replace(/\p{M}+/gu, '') : text;
  return folded
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
}

const IS_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** An article's base slug: its file name without `.md`, slugified ('article' if nothing is left). */
export function articleBaseSlug(relPath: string): string {
  return slugify(path.basename(relPath).replace(/\.md$/i, '')) || 'article';
}

/** A news provider's slug from its domain: aws.amazon.com → aws-amazon-com. */
export function providerSlug(domain: string): string {
  return slugify(domain.replace(/^www\./, ''));
}

/**
 * Makes slugs unique in the given order (the caller sorts by path, so the result is stable):
 * the first keeps its slug, later ones get -2, -3, ...
 */
export function uniqueSlugs(baseSlugs: readonly string[]): string[] {
  const taken = new Set<string>(baseSlugs);
  const assigned = new Set<string>();
  const next = new Map<string, number>();
  return baseSlugs.map((base) => {
    if (!assigned.has(base)) {
      assigned.add(base);
      return base;
    }
    let n = next.get(base) ?? 2;
    let candidate = withSuffix(base, n);
    // Skip suffixes that another file owns outright, so `a-2.md` keeps `a-2`.
    while (assigned.has(candidate) || taken.has(candidate)) candidate = withSuffix(base, ++n);
    next.set(base, n + 1);
    assigned.add(candidate);
    return candidate;
  });
}

function withSuffix(base: string, n: number): string {
  const suffix = `-${n}`;
  return base.slice(0, MAX_SLUG_LENGTH - suffix.length).replace(/-+$/, '') + suffix;
}
