{% from "modules/_request.js" import constants, url_function %}
{{ header }}
'use strict';

const { buildRequest } = require('../lib/request');
const { readRecords, withId } = require('../lib/records');
const VALUES = require('../lib/values');

{{ constants(req, shape) -}}
{{ url_function(req) }}
{% if empty %}
// The API answers with nothing to read: hand on what was acted on, so later steps can map it.
const EMPTY = {{ empty|json(None) }};
{% else %}
// Path inputs that identify the record acted on, handed on when the answer is empty.
const FALLBACK = {{ fallback|json(None) }};
{% endif %}

module.exports = async (z, bundle) => {
  const { request, given, send } = buildRequest(z, bundle, OPERATION, INPUTS, VALUES{{ ", url" if req.url else "" }});
  const response = await send(request);
{% if empty %}
  const record = EMPTY.id ? { [EMPTY.id.field]: given[EMPTY.id.key], ...EMPTY.fixed } : { ...EMPTY.fixed };
  return withId([record], {{ id_from|json }})[0];
{% else %}
  // An action returns one object; an empty answer still identifies the record acted on.
  const record = readRecords(response, SHAPE)[0]
    || FALLBACK.reduce((out, [name, key]) => Object.assign(out, { [name]: bundle.inputData[key] }), {});
  return withId([record], {{ id_from|json }})[0];
{% endif %}
};
