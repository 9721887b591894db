import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { NewsProviderBadge } from './news-provider-badge';

const aws = { slug: 'aws-amazon-com', name: 'AWS', domain: 'aws.amazon.com', logo: 'logos/aws.amazon.com-50x50.jpg' };

function renderBadge(provider = aws, linked = false) {
  return render(
    <MemoryRouter>
      <NewsProviderBadge provider={provider} linked={linked} />
    </MemoryRouter>,
  );
}

describe('NewsProviderBadge', () => {
  it('shows the logo from the feed beside the name', () => {
    const { container } = renderBadge();
    expect(screen.getByText('AWS')).toBeInTheDocument();
    expect(container.querySelector('img')).toHaveAttribute('src', '/feed/logos/aws.amazon.com-50x50.jpg');
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('links to the provider page when asked', () => {
    renderBadge(aws, true);
    expect(screen.getByRole('link', { name: 'AWS' })).toHaveAttribute('href', '/providers/aws-amazon-com');
  });

  it('falls back to initials when the logo fails or is unsafe', () => {
    const { container } = renderBadge({ ...aws, name: 'Amazon Web Services' });
    fireEvent.error(container.querySelector('img')!);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('AW')).toBeInTheDocument();
  });

  it('never loads a logo that is not http(s) or feed-relative', () => {
    const { container } = renderBadge({ ...aws, logo: 'javascript:alert(1)' });
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('A')).toBeInTheDocument();
  });
});
