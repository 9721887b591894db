/** Ends that read as a finished sentence (or a quote or bracket closing one). */
const FINISHED = /[.!?…:;)\]"'»”’]$/u;

/**
 * An excerpt as the article page shows it: feeds often cut the summary mid-sentence, so an
 * unfinished one gets an ellipsis instead of looking broken. A "[…]" marker becomes one too.
 */
export function summaryText(excerpt: string): string {
  const text = excerpt.trim().replace(/\s*\[(?:…|\.\.\.)\]$/u, '…');
  if (text === '' || FINISHED.test(text)) return text;
  return `${text}…`;
}
