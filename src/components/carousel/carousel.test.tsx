import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Carousel } from './carousel';

function renderCarousel(count: number) {
  return render(
    <Carousel heading="Related articles">
      {Array.from({ length: count }, (_, i) => (
        <a key={i} href={`#story-${i + 1}`}>
          Story {i + 1}
        </a>
      ))}
    </Carousel>,
  );
}

describe('Carousel', () => {
  it('is a region named by its heading, with the items as a list', () => {
    renderCarousel(3);
    const region = screen.getByRole('region', { name: 'Related articles' });
    expect(within(region).getByRole('heading', { name: 'Related articles' })).toBeInTheDocument();
    expect(within(region).getAllByRole('listitem')).toHaveLength(3);
  });

  it('moves with Previous and Next and disables them at the ends', async () => {
    const user = userEvent.setup();
    const scrollTo = vi.fn();
    Object.defineProperty(HTMLElement.prototype, 'scrollTo', { value: scrollTo, configurable: true });
    renderCarousel(3);
    const previous = screen.getByRole('button', { name: 'Previous' });
    const next = screen.getByRole('button', { name: 'Next' });
    expect(previous).toBeDisabled();
    expect(next).toBeEnabled();

    await user.click(next);
    expect(previous).toBeEnabled();
    expect(scrollTo).toHaveBeenCalledTimes(1);
    await user.click(next);
    expect(next).toBeDisabled();

    await user.click(previous);
    await user.click(previous);
    expect(previous).toBeDisabled();
    expect(next).toBeEnabled();
    expect(scrollTo).toHaveBeenCalledTimes(4);
    delete (HTMLElement.prototype as Partial<HTMLElement>).scrollTo;
  });

  it('still moves where the browser cannot scroll an element', async () => {
    const user = userEvent.setup();
    renderCarousel(2);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Previous' })).toBeEnabled();
  });

  it('has no buttons when a single item fits', () => {
    renderCarousel(1);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
