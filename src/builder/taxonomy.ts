/**
 * The optional taxonomies beside the articles: topics (`topics/*.yaml`, plain YAML), news
 * providers (`organizations/*.md`, front matter) and provider logos (`logos/<domain>-50x50.jpg`).
 */
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { slugify } from './slug';
import { ArticleFileError, decodeText, parseYamlMapping, splitFrontMatter, type ContentScan } from './read-articles';
import type { BuildProblem } from './report';
import { cleanText, normalizeDomain } from './normalize';

export interface TopicEntry {
  slug: string;
  name: string;
}

/** Plain data, so it can be posted to parse workers. */
export interface Taxonomy {
  /** Lower-cased topic name (and `_id`) → the topic it names. */
  topics: [string, TopicEntry][];
  /** Normalized domain → provider name. */
  organizations: [string, string][];
}

/** Logo file name → absolute path; the first `logos/` folder holding a name wins. */
export type LogoFiles = Map<string, string>;

export interface LoadedTaxonomy {
  taxonomy: Taxonomy;
  logos: LogoFiles;
  problems: BuildProblem[];
}

/** Read every taxonomy file the scan found; a broken one is reported and left out. */
export async function loadTaxonomy(scan: ContentScan): Promise<LoadedTaxonomy> {
  const problems: BuildProblem[] = [];
  const topics = new Map<string, TopicEntry>();
  const organizations = new Map<string, string>();

  for (const file of scan.topicFiles) {
    const data = readMapping(file.abs, file.display, false, problems);
    if (!data) continue;
    const name = typeof data.name === 'string' ? cleanText(data.name) : '';
    const slug = slugify(typeof data._id === 'string' ? data._id : name);
    if (!name || !slug) {
      problems.push({ file: file.display, field: 'name', reason: 'topic has no name or _id', severity: 'error' });
      continue;
    }
    const entry = { slug, name };
    for (const key of [name, typeof data._id === 'string' ? data._id : ''])
      if (key && !topics.has(key.toLowerCase())) topics.set(key.toLowerCase(), entry);
  }

  for (const file of scan.organizationFiles) {
    const data = readMapping(file.abs, file.display, true, problems);
    if (!data) continue;
    const domain = normalizeDomain(data.domain ?? data._id);
    const name = typeof data.name === 'string' ? cleanText(data.name) : '';
    if (!domain || !name) {
      problems.push({
        file: file.display,
        field: 'domain',
        reason: 'organization has no domain or name',
        severity: 'error',
      });
      continue;
    }
    if (!organizations.has(domain)) organizations.set(domain, name);
  }

  const logos: LogoFiles = new Map();
  for (const dir of scan.logoDirs) {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.isFile() && !logos.has(entry.name)) logos.set(entry.name, path.join(dir, entry.name));
    }
  }

  return { taxonomy: { topics: [...topics], organizations: [...organizations] }, logos, problems };
}

/** Read synchronously: hundreds of small files one await at a time took ~10× longer. */
function readMapping(
  abs: string,
  display: string,
  frontMatter: boolean,
  problems: BuildProblem[],
): Record<string, unknown> | null {
  try {
    const text = decodeText(readFileSync(abs));
    if (!frontMatter) return parseYamlMapping(text, 1, 'taxonomy');
    const { yaml, firstLine } = splitFrontMatter(text);
    return parseYamlMapping(yaml, firstLine);
  } catch (error) {
    const field = error instanceof ArticleFileError ? error.field : 'file';
    problems.push({ file: display, field, reason: errorMessage(error), severity: 'error' });
    return null;
  }
}

/** A readable message from anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
