/** A URI reference's five parts (RFC 3986, appendix B). */
type UriParts = {
  scheme?: string;
  authority?: string;
  path: string;
  query?: string;
  fragment?: string;
};

const URI =
  /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;

function parse(reference: string): UriParts {
  const [, scheme, authority, path, query, fragment] = URI.exec(reference)!;
  return { scheme, authority, path, query, fragment };
}

function format(parts: UriParts): string {
  return [
    parts.scheme !== undefined ? `${parts.scheme}:` : '',
    parts.authority !== undefined ? `//${parts.authority}` : '',
    parts.path,
    parts.query !== undefined ? `?${parts.query}` : '',
    parts.fragment !== undefined ? `#${parts.fragment}` : '',
  ].join('');
}

/** RFC 3986, 5.2.4. */
function removeDotSegments(path: string): string {
  let input = path;
  const output: string[] = [];
  while (input.length > 0) {
    if (input.startsWith('../')) input = input.slice(3);
    else if (input.startsWith('./')) input = input.slice(2);
    else if (input.startsWith('/./')) input = input.slice(2);
    else if (input === '/.') input = '/';
    else if (input.startsWith('/../')) {
      input = input.slice(3);
      output.pop();
    } else if (input === '/..') {
      input = '/';
      output.pop();
    } else if (input === '.' || input === '..') input = '';
    else {
      const next = input.indexOf('/', input.startsWith('/') ? 1 : 0);
      const segment = next === -1 ? input : input.slice(0, next);
      output.push(segment);
      input = input.slice(segment.length);
    }
  }
  return output.join('');
}

/** RFC 3986, 5.2.3. */
function merge(base: UriParts, path: string): string {
  if (base.authority !== undefined && base.path === '') return `/${path}`;
  return base.path.slice(0, base.path.lastIndexOf('/') + 1) + path;
}

/**
 * The target URI of `reference` resolved against `base` (RFC 3986, 5.2.2):
 * what Python's `urllib.parse.urljoin` answers for http and https URLs.
 */
export function resolveReference(base: string, reference: string): string {
  const b = parse(base);
  const r = parse(reference);
  let target: UriParts;
  if (r.scheme !== undefined) {
    target = { ...r, path: removeDotSegments(r.path) };
  } else if (r.authority !== undefined) {
    target = { ...r, scheme: b.scheme, path: removeDotSegments(r.path) };
  } else if (r.path === '') {
    target = { ...b, query: r.query ?? b.query, fragment: r.fragment };
  } else {
    const path = r.path.startsWith('/')
      ? removeDotSegments(r.path)
      : removeDotSegments(merge(b, r.path));
    target = { ...b, path, query: r.query, fragment: r.fragment };
  }
  return format(target);
}

/**
 * Where the OpenLineage Python client posts (its HttpTransport, also used
 * by the Airflow provider and dbt-ol): `urljoin(url.strip(), endpoint)`,
 * the endpoint `api/v1/lineage` unless configured.
 */
export function pythonClientTarget(
  url: string,
  endpoint = 'api/v1/lineage',
): string {
  return resolveReference(url.trim(), endpoint);
}

/**
 * Where the OpenLineage Java client posts (its HttpTransport, used by
 * Spark and Flink): the url as it is when it has a path, and then no
 * endpoint may be configured; else the endpoint, `/api/v1/lineage` unless
 * configured, as the url's path.
 */
export function javaClientTarget(url: string, endpoint?: string): string {
  const parts = parse(url);
  if (parts.path.trim() !== '') {
    if (endpoint?.trim()) {
      throw new Error("You can't pass both uri and endpoint parameters.");
    }
    return url;
  }
  return format({ ...parts, path: endpoint?.trim() || '/api/v1/lineage' });
}
