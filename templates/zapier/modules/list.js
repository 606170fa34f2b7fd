{% from "modules/_request.js" import constants, url_function %}
{{ header }}
'use strict';

const { buildRequest } = require('../lib/request');
const { readRecords, withId } = require('../lib/records');
const VALUES = require('../lib/values');

{{ constants(req, shape) -}}
{{ url_function(req) }}
const PAGING = {{ paging|json(None) }};

module.exports = async (z, bundle) => {
  const { request, send } = buildRequest(z, bundle, OPERATION, INPUTS, VALUES{{ ", url" if req.url else "" }});
  const read = (response) => readRecords(response, SHAPE);
{% if dropdown %}
  // A dynamic dropdown asks for one page at a time ("Load more"); anything else reads every page.
  const records = bundle.meta && bundle.meta.isFillingDynamicDropdown
    ? await z.pages.one(bundle, request, send, read, PAGING)
    : await z.pages.all(request, send, read, PAGING);
{% else %}
  const records = await z.pages.all(request, send, read, PAGING);
{% endif %}
  return withId(records, {{ id_from|json }});
};
