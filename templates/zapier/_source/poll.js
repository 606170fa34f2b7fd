{% from "_macros/records.js" import with_id, read_function %}
{% from "_macros/request.js" import build_request %}
{{ build_request(req) }}
{{ read_function(shape) }}
// The cursor field {{ cursor.name }} as epoch milliseconds{% if cursor.integer %} (an integer id as it is){% endif %}: the order Zapier wants and the window's edge.
const moment = (record) => {
  const value = {{ cursor.path|json(None) }}.reduce((node, key) => (node !== null && typeof node === 'object' ? node[key] : undefined), record);
  if (typeof value === 'number') return value * {{ cursor.scale }};
  if (typeof value !== 'string') return -Infinity;
  // A date-time without an offset means UTC.
  const zoned = /([Zz]|[+-]\d{2}:?\d{2})$/.test(value) || /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = Date.parse(zoned ? value : value + 'Z');
  return Number.isNaN(ms) ? -Infinity : ms;
};
{% if keep %}
const keep = (record) => record[{{ keep.field|json }}] === {{ keep.equals|json }};
{% else %}
const keep = null;
{% endif %}
const paging = {{ paging|json(None) }};
const from = Date.now() - {{ window_ms }};
{% if since %}
// Zapier keeps no cursor between polls: ask for the last {{ window_days }} days ({{ since.format_text }}) and read every page of
// that window, whatever the API's order; Zapier's dedupe drops what it handed on before.
{% if since.format == "epoch_s" %}
request.params[{{ since.param|json }}] = Math.floor(from / 1000);
{% elif since.format == "iso8601" %}
request.params[{{ since.param|json }}] = new Date(from).toISOString();
{% elif since.format == "date" %}
request.params[{{ since.param|json }}] = new Date(from).toISOString().slice(0, 10);
{% else %}
request.params[{{ since.param|json }}] = from;
{% endif %}
let records = await z.pages.all(request, send, read, paging, { keep });
{% elif cursor.integer %}
// No since filter and an id order: the first page only (more new records than a page between two polls loses the oldest).
let records = await z.pages.all(request, send, read, paging, { keep, enough: () => true });
{% else %}
// No since filter: the API lists newest first, so pages are read until one holds a record older than the window.
let records = await z.pages.all(request, send, read, paging, { keep, enough: (kept, page) => page.some((record) => moment(record) < from) });
{% endif %}
{% if id_from %}
{{ with_id(id_from, "records") }}
{% endif %}
// Zapier expects newest first (a stable sort: equal moments keep the API's order).
return records.sort((a, b) => moment(b) - moment(a));
