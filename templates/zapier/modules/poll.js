{% from "modules/_request.js" import constants, url_function %}
{{ header }}
'use strict';

const { buildRequest } = require('../lib/request');
const { dig, readRecords, withId } = require('../lib/records');
const VALUES = require('../lib/values');

{{ constants(req, shape) -}}
{{ url_function(req) }}
const PAGING = {{ paging|json(None) }};
// Zapier dedupes on these output fields; a result may hold each combination once.
const PRIMARY = {{ primary|json(None) }};
{% if keep %}
// The API lists more than this trigger hands on: keep the records whose field has the trigger's value.
const keep = (record) => record[{{ keep.field|json }}] === {{ keep.equals|json }};
{% else %}
const keep = null;
{% endif %}
// The cursor field {{ cursor.name }} as epoch milliseconds{% if cursor.integer %} (an integer id as it is){% endif %}: the order Zapier wants and the window's edge.
const moment = (record) => {
  const value = dig(record, {{ cursor.path|json(None) }});
  if (typeof value === 'number') return value * {{ cursor.scale }};
  if (typeof value !== 'string') return -Infinity;
  // A date-time without an offset means UTC.
  const zoned = /([Zz]|[+-]\d{2}:?\d{2})$/.test(value) || /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = Date.parse(zoned ? value : value + 'Z');
  return Number.isNaN(ms) ? -Infinity : ms;
};

module.exports = async (z, bundle) => {
  const { request, send } = buildRequest(z, bundle, OPERATION, INPUTS, VALUES{{ ", url" if req.url else "" }});
  const read = (response) => readRecords(response, SHAPE);
  const from = Date.now() - {{ window_ms }};
{% if since %}
  // Zapier keeps no cursor between polls: ask for the last {{ window_days }} days ({{ since.format_text }}) and read every page
  // of that window, whatever the API's order; Zapier's dedupe drops what it handed on before.
{% if since.format == "epoch_s" %}
  request.params[{{ since.param|json }}] = Math.floor(from / 1000);
{% elif since.format == "iso8601" %}
  request.params[{{ since.param|json }}] = new Date(from).toISOString();
{% elif since.format == "date" %}
  request.params[{{ since.param|json }}] = new Date(from).toISOString().slice(0, 10);
{% else %}
  request.params[{{ since.param|json }}] = from;
{% endif %}
  const found = await z.pages.all(request, send, read, PAGING, { keep });
{% elif cursor.integer %}
  // No since filter and an id order: the first page only (more new records than a page between two polls loses the oldest).
  const found = await z.pages.all(request, send, read, PAGING, { keep, enough: () => true });
{% else %}
  // No since filter: the API lists newest first, so pages are read until one holds a record older than the window.
  const found = await z.pages.all(request, send, read, PAGING, { keep, enough: (kept, page) => page.some((record) => moment(record) < from) });
{% endif %}
  const records = withId(found, {{ id_from|json }});
  // Zapier expects newest first (a stable sort: equal moments keep the API's order).
  records.sort((a, b) => moment(b) - moment(a));
  // A record can move onto the next page while pages are read, and Zapier refuses a result holding one primary
  // key twice: keep its first (newest) copy.
  const seen = new Set();
  return records.filter((record) => {
    const key = JSON.stringify(PRIMARY.map((name) => record[name]));
    return !seen.has(key) && seen.add(key);
  });
};
