/** fetch keeping cookies between requests, as a browser tab does (names and values; attributes ignored). */
export function cookieJarFetch(): typeof fetch {
  const jar = new Map<string, string>();
  return async (input, init = {}) => {
    // The API client sends a Request with its own headers: headers given beside it would replace them.
    const headers = new Headers(input instanceof Request ? input.headers : init.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
}
