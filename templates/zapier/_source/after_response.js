// API errors become Zapier errors carrying the API's message; each operation reads its own records.
{% if refresh_401 %}
// A 401 means the access token is stale: RefreshAuthError makes Zapier refresh it and run the request again.
{% endif %}
const statuses = {{ statuses|json(None) }};
const errorPath = {{ error_path|json(None) }};
const dig = (value, path) => path.reduce((node, key) => (node && typeof node === 'object' ? node[key] : undefined), value);
{% if token_flag %}
if (response.{{ token_flag }}) return response; // a token request reads its own errors
{% endif %}
if (response.status >= 400) {
  const known = statuses[String(response.status)] || {};
  const found = dig(response.data, errorPath);
  // An API that answers errors in plain text says its message in the body itself.
  const plain = /^text\/plain\b/i.test(response.getHeader('content-type') || '') ? String(response.content || '').trim() : '';
  const message = (typeof found === 'string' && found) || plain || known.message || `HTTP ${response.status}`;
{% if refresh_401 %}
  if (response.status === 401) throw new z.errors.RefreshAuthError(message);
{% endif %}
  if (known.throttled) {
    const delay = parseInt(response.getHeader('retry-after') || '', 10);
    throw new z.errors.ThrottledError(message, Number.isNaN(delay) ? undefined : delay);
  }
  throw new z.errors.Error(message, known.code || 'ApiError', response.status);
}
return response;
