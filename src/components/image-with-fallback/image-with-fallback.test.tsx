import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ImageWithFallback } from './image-with-fallback';

const image = { url: 'https://cdn.example.com/lead.png', width: 1146, height: 630 };
const fallback = <span>No picture</span>;

describe('ImageWithFallback', () => {
  it('renders a lazy, no-referrer image with its size', () => {
    render(<ImageWithFallback image={image} alt="Lead" fallback={fallback} />);
    const img = screen.getByRole('img', { name: 'Lead' });
    expect(img).toHaveAttribute('src', image.url);
    expect(img).toHaveAttribute('loading', 'lazy');
    expect(img).toHaveAttribute('decoding', 'async');
    expect(img).toHaveAttribute('referrerpolicy', 'no-referrer');
    expect(img).toHaveAttribute('width', '1146');
    expect(img).toHaveAttribute('height', '630');
    expect(img.parentElement).toHaveStyle({ '--image-ratio': '1146 / 630' });
  });

  it('loads a priority image eagerly and first', () => {
    render(<ImageWithFallback image={image} alt="Lead" fallback={fallback} priority />);
    const img = screen.getByRole('img', { name: 'Lead' });
    expect(img).toHaveAttribute('loading', 'eager');
    expect(img).toHaveAttribute('fetchpriority', 'high');
  });

  it('shows the fallback in the same box when the image fails', () => {
    render(<ImageWithFallback image={image} alt="Lead" fallback={fallback} />);
    const img = screen.getByRole('img', { name: 'Lead' });
    const box = img.parentElement;
    fireEvent.error(img);
    expect(screen.queryByRole('img', { name: 'Lead' })).not.toBeInTheDocument();
    expect(screen.getByText('No picture')).toBeInTheDocument();
    expect(box).toContainElement(screen.getByText('No picture'));
    expect(box).toHaveStyle({ '--image-ratio': '1146 / 630' });
  });

  it('shows the fallback in a 16:9 box when there is no image', () => {
    render(<ImageWithFallback image={null} alt="Lead" fallback={fallback} />);
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(screen.getByText('No picture').parentElement?.parentElement).toHaveStyle({ '--image-ratio': '16 / 9' });
  });

  it('never loads a URL that is not http(s)', () => {
    const hostile = { ...image, url: 'javascript:alert(1)' };
    render(<ImageWithFallback image={hostile} alt="Lead" fallback={fallback} />);
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(screen.getByText('No picture')).toBeInTheDocument();
  });
});
