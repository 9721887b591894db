import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FeedError } from '../../feed/fetch-feed';
import { ErrorPanel } from './error-panel';

describe('ErrorPanel', () => {
  it('says what failed in words and retries', async () => {
    const onRetry = vi.fn();
    const error = new FeedError('http', '/feed/index.json', 'The feed answered with an error (500).', 500);
    render(<ErrorPanel title="The articles could not be loaded" error={error} onRetry={onRetry} />);

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The articles could not be loaded');
    expect(alert).toHaveTextContent('The server had a problem (error 500).');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('offers a reload instead of a retry when the feed format changed', () => {
    const error = new FeedError('version', '/feed/index.json', 'version 2');
    render(<ErrorPanel title="Out of date" error={error} onRetry={() => {}} />);
    expect(screen.getByRole('button', { name: 'Reload page' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
  });
});
