/**
 * A synthetic article corpus shaped like the real one (content/): the same front matter, HTML
 * entities and curly quotes, heat -1, missing images, YouTube videos with iframe embeds,
 * `related` lists pointing at other generated articles and at external pages, unpublished
 * items, secured blobs, topic and organization taxonomies, logos, and a few duplicates and
 * broken files. Deterministic for a given seed.
 *
 * CLI: `tsx test/bench/make-corpus.ts --dir <dir> --count <n> [--seed <n>] [--topics <n>] [--providers <n>]`
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export interface MakeCorpusOptions {
  dir: string;
  count: number;
  topics?: number;
  providers?: number;
  seed?: number;
}

/** What was generated, so tests can derive expected counts without running the builder. */
export interface CorpusStats {
  /** Article files written, including the broken ones. */
  files: number;
  /** Files that must be skipped (broken YAML, missing title). */
  broken: number;
  /** Files repeating an earlier file's original URL. */
  duplicates: number;
  /** Valid, non-duplicate files with `published: false`. */
  unpublished: number;
  /** Valid, non-duplicate, published files: the default article count. */
  published: number;
}

/** A small PRNG (mulberry32): fast, seedable, good enough for test data. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    /** Skewed towards the start of the list, like word and topic frequencies. */
    zipf: <T>(items: readonly T[]) => items[Math.floor(items.length * next() ** 2.5)]!,
  };
}

const SYLLABLES =
  'ba be bi bo bu ca co cu da de di do fa fe fi fo ga ge go ha he hi ka ke ki ko la le li lo lu ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi vo za ze zo'.split(
    ' ',
  );
const COMMON_WORDS =
  'cloud data apps power platform model security generative ai machine learning developer release update preview new customers enterprise automation teams build deploy service portal analytics insights workflow copilot agents open source performance cost inference training'.split(
    ' ',
  );
const GLUE = 'the a of and to in for with on how why what your at from by'.split(' ');
const TLDS = ['com', 'com', 'com', 'net', 'org', 'io', 'co.uk', 'de'];

function words(rng: ReturnType<typeof prng>, vocabulary: string[], count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(rng.chance(0.25) ? rng.pick(GLUE) : rng.chance(0.3) ? rng.pick(COMMON_WORDS) : rng.zipf(vocabulary));
  }
  return out.join(' ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Text as the publishers' feeds give it: entities, curly quotes, a trailing " […]". */
function dress(rng: ReturnType<typeof prng>, text: string): string {
  let dressed = text;
  if (rng.chance(0.2)) dressed = dressed.replace(' ', '&#8217;s ');
  if (rng.chance(0.1)) dressed = dressed.replace(' ', '&nbsp;');
  if (rng.chance(0.1)) dressed = dressed.replace(' and ', ' &amp; ');
  if (rng.chance(0.1)) dressed = `“${dressed}”`;
  return dressed;
}

function yamlString(text: string): string {
  return JSON.stringify(text);
}

function isoDate(ms: number, rng: ReturnType<typeof prng>): string {
  const iso = new Date(ms).toISOString().replace('.000Z', 'Z');
  return rng.chance(0.1) ? iso.replace('Z', '+00:00') : iso;
}

interface Provider {
  name: string;
  domain: string;
}

interface Draft {
  rel: string;
  slug: string;
  title: string;
  excerpt: string;
  date: string;
  url: string;
  provider: Provider;
  quality: number;
  image: string | null;
}

/** Write a corpus of `count` article files (plus taxonomies and logos) into `dir`, replacing it. */
export function makeCorpus(options: MakeCorpusOptions): CorpusStats {
  const { dir, count } = options;
  const topicCount = options.topics ?? 200;
  const providerCount = options.providers ?? 2000;
  const rng = prng(options.seed ?? 1);
  rmSync(dir, { recursive: true, force: true });

  const syllableWord = () => Array.from({ length: rng.int(2, 4) }, () => rng.pick(SYLLABLES)).join('');
  const vocabulary = Array.from({ length: 6000 }, syllableWord);
  const topics = Array.from(
    { length: topicCount },
    (_, i) => `${capitalize(syllableWord())} ${capitalize(rng.pick(COMMON_WORDS))} ${i}`,
  );
  const providers: Provider[] = Array.from({ length: providerCount }, (_, i) => {
    const name = `${capitalize(syllableWord())} ${rng.pick(['News', 'Times', 'Blog', 'Daily', 'Tech', 'Wire'])}`;
    return { name, domain: `${name.toLowerCase().replace(/\s+/g, '')}${i}.${rng.pick(TLDS)}` };
  });

  // Taxonomies for part of the topics and providers, as on the real sites.
  mkdirSync(path.join(dir, 'topics'), { recursive: true });
  topics.slice(0, Math.ceil(topicCount / 2)).forEach((name, i) => {
    const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    writeFileSync(
      path.join(dir, 'topics', `${String(i).padStart(3, '0')}-${id}.yaml`),
      `taxonomy: topic\n_id: ${id}\nname: ${name}\nkeywords:\n  - ${name.toLowerCase()}\n`,
    );
  });
  mkdirSync(path.join(dir, 'organizations'), { recursive: true });
  mkdirSync(path.join(dir, 'logos'), { recursive: true });
  providers.slice(0, Math.ceil(providerCount / 4)).forEach((provider, i) => {
    writeFileSync(
      path.join(dir, 'organizations', `${provider.domain}.md`),
      `---\ntaxonomy: organization\n_id: ${provider.domain}\nname: ${provider.name}\ndomain: ${provider.domain}\n---\n`,
    );
    if (i % 2 === 0)
      writeFileSync(path.join(dir, 'logos', `${provider.domain}-50x50.jpg`), `logo of ${provider.domain}`);
  });

  const start = Date.UTC(2019, 0, 1);
  const span = Date.UTC(2024, 11, 31) - start;
  const drafts: Draft[] = [];
  const usedSlugs = new Set<string>();
  for (let i = 0; i < count; i++) {
    const ms = start + Math.floor((rng.next() * span) / 1000) * 1000;
    const date = isoDate(ms, rng);
    const title = capitalize(words(rng, vocabulary, rng.int(5, 12)));
    let slug = title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80);
    if (usedSlugs.has(slug)) slug = `${slug}-${i}`;
    usedSlugs.add(slug);
    const provider = rng.zipf(providers);
    const day = date.slice(0, 10);
    drafts.push({
      rel: path.join('news', day.slice(0, 4), day.slice(5, 7), `${day}-${slug}.md`),
      slug,
      title: dress(rng, title),
      excerpt:
        dress(rng, capitalize(words(rng, vocabulary, rng.int(25, 45)))) +
        (rng.chance(0.3) ? ' […]' : '') +
        (rng.chance(0.2) ? '\n' : ''),
      date,
      url: `https://${rng.chance(0.3) ? 'www.' : ''}${provider.domain}/${day.slice(0, 7).replace('-', '/')}/${slug}/`,
      provider,
      quality: rng.int(0, 140),
      image: rng.chance(0.85) ? `https://images.${provider.domain}/${slug}.jpg` : null,
    });
  }

  const stats: CorpusStats = { files: count, broken: 0, duplicates: 0, unpublished: 0, published: 0 };
  const createdDirs = new Set<string>();
  // Duplicates copy an earlier valid original and its published flag, so whichever file of the
  // pair wins, the counts above stay exact.
  const originals: { url: string; published: string | null }[] = [];
  for (const [i, draft] of drafts.entries()) {
    const lines: string[] = ['---', 'category: news'];
    const broken = i > 10 && rng.chance(0.0005);
    const original = !broken && originals.length > 10 && rng.chance(0.001) ? rng.pick(originals) : null;
    const duplicate = original !== null;
    const url = original ? original.url.replace('https://', 'http://') : draft.url;
    lines.push(broken && rng.chance(0.5) ? 'excerpt: "no title here"' : `title: ${yamlString(draft.title)}`);
    lines.push(
      `excerpt: ${yamlString(draft.excerpt)}`,
      `publishedDateTime: ${draft.date}`,
      `originalUrl: ${yamlString(url)}`,
    );
    if (rng.chance(0.9)) lines.push(`webUrl: ${yamlString(url)}`);
    const video = rng.chance(0.03);
    const videoId = Array.from({ length: 11 }, () => rng.pick([...'abcdefghijkABCDEFGHIJK0123456789_-'])).join('');
    lines.push(
      `type: ${video ? 'video' : 'article'}`,
      `quality: ${draft.quality}`,
      `heat: ${rng.chance(0.25) ? -1 : rng.int(0, 140)}`,
    );
    const published = original ? original.published : rng.chance(0.9) ? (rng.chance(0.1) ? 'false' : 'true') : null;
    if (!broken && !original) originals.push({ url, published });
    if (published) lines.push(`published: ${published}`);
    if (broken) lines.push('  broken: [indentation');
    lines.push('');
    if (video) {
      lines.push(
        `featuredContent: ${yamlString(`<iframe width="800" height="500" frameborder="0" src="https://www.youtube.com/embed/${videoId}" allow="accelerometer; autoplay; encrypted-media" allowfullscreen></iframe>`)}`,
        '',
      );
    }
    lines.push(...providerLines(draft.provider, ''), '');
    lines.push('topics:');
    const topicTotal = rng.int(1, 3);
    const chosen = new Set<string>();
    while (chosen.size < topicTotal) chosen.add(rng.zipf(topics));
    for (const topic of chosen) lines.push(`  - ${rng.chance(0.1) ? topic.toUpperCase() : topic}`);
    lines.push('');
    if (draft.image) {
      lines.push(
        'images:',
        `  - url: ${yamlString(draft.image)}`,
        `    width: ${rng.int(400, 1600)}`,
        `    height: ${rng.int(300, 900)}`,
        '    isCached: true',
        '',
      );
    }
    if (rng.chance(0.15)) {
      lines.push('related:');
      for (let r = rng.int(3, 8); r > 0; r--) {
        const internal = rng.chance(0.6);
        const other = internal ? rng.pick(drafts) : null;
        const relatedUrl = other ? other.url : `https://external${rng.int(0, 999)}.example.com/story/${syllableWord()}`;
        lines.push(
          `  - title: ${yamlString(other ? other.title : capitalize(words(rng, vocabulary, 8)))}`,
          `    excerpt: ${yamlString(other ? other.excerpt : words(rng, vocabulary, 30))}`,
          `    publishedDateTime: ${other ? other.date : draft.date}`,
          `    webUrl: ${yamlString(rng.chance(0.01) ? 'javascript:alert(1)' : relatedUrl)}`,
          '    type: article',
          ...providerLines(other ? other.provider : draft.provider, '    '),
          `    quality: ${other ? other.quality : 50}`,
        );
      }
      lines.push('');
    }
    lines.push(`secured: ${yamlString(secured(rng))}`, '---', '', '');

    const file = path.join(dir, draft.rel);
    const parent = path.dirname(file);
    if (!createdDirs.has(parent)) {
      mkdirSync(parent, { recursive: true });
      createdDirs.add(parent);
    }
    writeFileSync(file, lines.join('\n'));
    if (broken) stats.broken++;
    else if (duplicate) stats.duplicates++;
    else if (published === 'false') stats.unpublished++;
    else stats.published++;
  }
  return stats;
}

function providerLines(provider: Provider, indent: string): string[] {
  return [
    `${indent}provider:`,
    `${indent}  name: ${yamlString(provider.name)}`,
    `${indent}  domain: ${provider.domain}`,
    `${indent}  images:`,
    `${indent}    - url: "https://everyday-cc.github.io/ai/assets/images/organizations/${provider.domain}-50x50.jpg"`,
    `${indent}      width: 50`,
    `${indent}      height: 50`,
  ];
}

function secured(rng: ReturnType<typeof prng>): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let blob = '';
  for (let i = 0; i < 344; i++) blob += alphabet[Math.floor(rng.next() * 64)];
  return `${blob}=;${blob.slice(0, 22)}==`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string', default: '1' },
      topics: { type: 'string' },
      providers: { type: 'string' },
    },
  });
  if (!values.dir || !values.count) {
    process.stderr.write('Usage: tsx test/bench/make-corpus.ts --dir <dir> --count <n> [--seed <n>]\n');
    process.exit(2);
  }
  const stats = makeCorpus({
    dir: values.dir,
    count: Number(values.count),
    seed: Number(values.seed),
    topics: values.topics ? Number(values.topics) : undefined,
    providers: values.providers ? Number(values.providers) : undefined,
  });
  process.stdout.write(`${JSON.stringify(stats)}\n`);
}
