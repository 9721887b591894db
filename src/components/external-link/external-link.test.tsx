import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ExternalLink } from './external-link';

describe('ExternalLink', () => {
  it('opens an http(s) URL in a new tab and says so', () => {
    render(<ExternalLink href="https://aws.amazon.com/blogs/x/">Read on AWS</ExternalLink>);
    const link = screen.getByRole('link', { name: 'Read on AWS (opens in a new tab)' });
    expect(link).toHaveAttribute('href', 'https://aws.amazon.com/blogs/x/');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it.each(['javascript:alert(1)', 'data:text/html,x', '/local', null])('leaves %s as plain text', (href) => {
    render(<ExternalLink href={href}>Read on AWS</ExternalLink>);
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(screen.getByText('Read on AWS')).toBeInTheDocument();
  });
});
