// API errors become Zapier errors carrying the API's message; successful bodies are unwrapped.
const statuses = {{ statuses|json(None) }};
const errorPath = {{ error_path|json(None) }};
const itemsPath = {{ items_path|json(None) }};
const timestampFields = {{ timestamp_fields|json(None) }};
const dig = (value, path) => path.reduce((node, key) => (node && typeof node === 'object' ? node[key] : undefined), value);
if (response.status >= 400) {
  const known = statuses[String(response.status)] || {};
  const found = dig(response.data, errorPath);
  const message = typeof found === 'string' && found ? found : known.message || `HTTP ${response.status}`;
  if (known.throttled) {
    const delay = parseInt(response.getHeader('retry-after') || '', 10);
    throw new z.errors.ThrottledError(message, Number.isNaN(delay) ? undefined : delay);
  }
  throw new z.errors.Error(message, known.code || 'ApiError', response.status);
}
// Walk the items path as far as the body goes: lists end at the array, single records at the object.
let data = response.data;
for (const key of itemsPath) {
  if (data && typeof data === 'object' && !Array.isArray(data) && key in data) data = data[key];
  else break;
}
// Epoch-millisecond timestamps get ISO-8601 companions, which Zapier's date handling expects.
for (const record of Array.isArray(data) ? data : [data]) {
  if (!record || typeof record !== 'object') continue;
  for (const name of timestampFields) {
    if (typeof record[name] === 'number') record[name + 'Iso'] = new Date(record[name]).toISOString();
  }
}
response.data = data;
return response;
