import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { WidgetBoundary } from './widget-boundary';

function Broken(): never {
  throw new Error('widget bug');
}

describe('WidgetBoundary', () => {
  it('hides a failing widget and keeps its siblings', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <main>
        <h1>The article</h1>
        <WidgetBoundary>
          <Broken />
        </WidgetBoundary>
      </main>,
    );
    expect(screen.getByRole('heading', { name: 'The article' })).toBeInTheDocument();
    vi.restoreAllMocks();
  });

  it('shows the fallback when one is given', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <WidgetBoundary fallback={<p>Related articles are unavailable.</p>}>
        <Broken />
      </WidgetBoundary>,
    );
    expect(screen.getByText('Related articles are unavailable.')).toBeInTheDocument();
    vi.restoreAllMocks();
  });
});
