import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { VideoEmbed } from './video-embed';

describe('VideoEmbed', () => {
  it('renders a sandboxed, lazy, privacy-mode player', () => {
    render(<VideoEmbed video={{ host: 'youtube', id: 'WJk-Y8LQlfE' }} title="Release wave 2" />);
    const frame = screen.getByTitle('Video: Release wave 2');
    expect(frame).toHaveAttribute('src', 'https://www.youtube-nocookie.com/embed/WJk-Y8LQlfE');
    expect(frame).toHaveAttribute('loading', 'lazy');
    expect(frame).toHaveAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    expect(frame).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin allow-presentation allow-popups');
    expect(frame).toHaveAttribute('allow', 'encrypted-media; picture-in-picture; fullscreen');
  });

  it('renders nothing for an id that does not pass the check', () => {
    const { container } = render(<VideoEmbed video={{ host: 'youtube', id: 'x"><script>' }} title="Bad" />);
    expect(container).toBeEmptyDOMElement();
  });
});
