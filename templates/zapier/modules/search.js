{% from "modules/_request.js" import constants, url_function %}
{{ header }}
'use strict';

const { buildRequest } = require('../lib/request');
const { readRecords, withId } = require('../lib/records');
const VALUES = require('../lib/values');

{{ constants(req, shape) -}}
{{ url_function(req) }}
const PAGING = {{ paging|json(None) }};
{% if exact %}
// The API matches loosely; keep only records where one of these fields equals the text given, both trimmed and,
// for a caseless field (an email, say), whatever their case: [field, caseless].
const EXACT = {{ exact|json(None) }};
const matchText = (value, caseless) => (caseless ? String(value).trim().toLowerCase() : String(value).trim());
{% endif %}

module.exports = async (z, bundle) => {
{% if exact %}
  // The text is sent trimmed too, so " worker@example.com " asks the API for what the user meant.
  const wanted = String(bundle.inputData[EXACT.input] ?? '').trim();
  const trimmed = { ...bundle, inputData: { ...bundle.inputData, [EXACT.input]: wanted } };
  const { request, send } = buildRequest(z, trimmed, OPERATION, INPUTS, VALUES{{ ", url" if req.url else "" }});
  const keep = (record) => EXACT.rules.some(([name, caseless]) => record[name] !== undefined && record[name] !== null
    && matchText(record[name], caseless) === matchText(wanted, caseless));
{% else %}
  const { request, send } = buildRequest(z, bundle, OPERATION, INPUTS, VALUES{{ ", url" if req.url else "" }});
  const keep = null;
{% endif %}
  const read = (response) => readRecords(response, SHAPE);
  // Pages are read until {{ max_results }} record{{ "s" if max_results != 1 else "" }} matched or the last page.
  const enough = (kept) => kept.length >= {{ max_results }};
{% if not_found_status %}
  let records;
  try {
    records = await z.pages.all(request, send, read, PAGING, { keep, enough });
  } catch (error) {
    // A record that does not exist is a search miss, not an error.
    if (error.name === 'AppError' && JSON.parse(error.message).status === {{ not_found_status }}) return [];
    throw error;
  }
{% else %}
  const records = await z.pages.all(request, send, read, PAGING, { keep, enough });
{% endif %}
  return withId(records, {{ id_from|json }}).slice(0, {{ max_results }});
};
