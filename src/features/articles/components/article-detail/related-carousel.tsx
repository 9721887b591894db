import { Carousel } from '../../../../components/carousel/carousel';
import type { RelatedItem } from '../../../../feed/schema';
import { StoryCard } from './story-card';

/** "Related articles": the article's related items, inside the app when the feed has them. */
export function RelatedCarousel({ items }: { items: RelatedItem[] }) {
  if (items.length === 0) return null;
  return (
    <Carousel heading="Related articles">
      {items.map((item) => (
        <StoryCard key={item.url} story={item} />
      ))}
    </Carousel>
  );
}
