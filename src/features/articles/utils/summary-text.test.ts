import { describe, expect, it } from 'vitest';
import { summaryText } from './summary-text';

describe('summaryText', () => {
  it('adds an ellipsis to a summary cut mid-sentence', () => {
    expect(summaryText('implementing security, data privacy, and governance controls')).toBe(
      'implementing security, data privacy, and governance controls…',
    );
  });

  it('keeps a finished sentence as it is', () => {
    expect(summaryText('It works.')).toBe('It works.');
    expect(summaryText('“Really?”')).toBe('“Really?”');
  });

  it('turns a trailing […] marker into an ellipsis', () => {
    expect(summaryText('The story goes on [&#8230;]'.replace('&#8230;', '…'))).toBe('The story goes on…');
    expect(summaryText('The story goes on [...]\n')).toBe('The story goes on…');
  });

  it('leaves an empty summary empty', () => {
    expect(summaryText('  \n')).toBe('');
  });
});
