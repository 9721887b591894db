const numbers = new Intl.NumberFormat('en');

/** "1 article", "12,345 articles". */
export function formatArticleCount(count: number): string {
  return `${numbers.format(count)} ${count === 1 ? 'article' : 'articles'}`;
}
