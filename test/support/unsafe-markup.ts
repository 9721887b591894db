/**
 * Scans rendered DOM for anything feed data should never be able to produce: script-capable
 * elements, event-handler attributes, non-http(s) links and image sources, frames outside the
 * allowlisted players, external links that leak the opener or referrer, images without a
 * referrer policy. Returns one line per problem, so a failing test says what and where.
 */

/** The only frames the app builds: its own allowlisted video players. */
export const ALLOWED_FRAME_HOSTS = ['www.youtube-nocookie.com', 'player.vimeo.com'];

// The app's own filter <form> has no action; a form from feed data would be caught by its URL attributes.
const FORBIDDEN_ELEMENTS = 'script, object, embed, base, link, meta, style, svg script, svg foreignObject';
const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'data', 'xlink:href', 'background'];
// Browsers ignore tabs, newlines and leading control characters in a scheme: strip them before matching.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is stripped
const IGNORED_IN_SCHEME = /[\u0000-\u0020\u007f-\u009f]/g;
const DANGEROUS_SCHEME = /^(?:javascript|data|vbscript|file|blob):/i;

function describe(element: Element): string {
  const attributes = [...element.attributes].map((attribute) => `${attribute.name}="${attribute.value}"`).join(' ');
  return `<${element.tagName.toLowerCase()}${attributes ? ` ${attributes}` : ''}>`.slice(0, 200);
}

function isHttp(value: string): boolean {
  try {
    const url = new URL(value);
    return /^https?:\/\/\S+$/i.test(value) && (url.protocol === 'http:' || url.protocol === 'https:');
  } catch {
    return false;
  }
}

/** An in-app path such as `/articles/x` (never `//host`, which the browser reads as another site). */
function isAppPath(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\');
}

export function findUnsafeMarkup(root: ParentNode): string[] {
  const problems: string[] = [];
  for (const element of root.querySelectorAll(FORBIDDEN_ELEMENTS)) {
    problems.push(`forbidden element ${describe(element)}`);
  }
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name)) problems.push(`event handler attribute on ${describe(element)}`);
      if (URL_ATTRIBUTES.includes(attribute.name.toLowerCase())) {
        const value = attribute.value.replace(IGNORED_IN_SCHEME, '');
        if (DANGEROUS_SCHEME.test(value)) problems.push(`dangerous URL in ${describe(element)}`);
      }
    }
  }
  for (const link of root.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href') ?? '';
    if (isHttp(href)) {
      const rel = (link.getAttribute('rel') ?? '').split(/\s+/);
      if (!rel.includes('noopener') || !rel.includes('noreferrer')) {
        problems.push(`external link without rel="noopener noreferrer": ${describe(link)}`);
      }
    } else if (!isAppPath(href) && !/^#[\w-]+$/.test(href)) {
      problems.push(`link that is neither http(s) nor an app path: ${describe(link)}`);
    }
  }
  for (const image of root.querySelectorAll('img')) {
    const src = image.getAttribute('src') ?? '';
    if (!isHttp(src) && !src.startsWith('/feed/')) problems.push(`image source not http(s): ${describe(image)}`);
    if (!image.getAttribute('referrerpolicy')) problems.push(`image without referrerpolicy: ${describe(image)}`);
    if (image.hasAttribute('srcset')) problems.push(`image with srcset: ${describe(image)}`);
  }
  for (const frame of root.querySelectorAll('iframe, frame')) {
    const src = frame.getAttribute('src') ?? '';
    const allowed = isHttp(src) && src.startsWith('https://') && ALLOWED_FRAME_HOSTS.includes(new URL(src).hostname);
    if (!allowed) problems.push(`frame outside the allowlist: ${describe(frame)}`);
    if (!frame.hasAttribute('sandbox')) problems.push(`frame without sandbox: ${describe(frame)}`);
  }
  return problems;
}
