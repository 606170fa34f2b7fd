{{ header }}
'use strict';

const { connectionValues } = require('../lib/connection');
const { readRecords } = require('../lib/records');

const REQUEST = {{ request|json(None) }};
const DERIVED = {{ derived|json(None) }};
// Where the answer keeps its record: {{ shape.where }}.
const SHAPE = {{ shape.data|json(None) }};

module.exports = async (z, bundle) => {
{% if url %}
  const connection = connectionValues(bundle.authData, DERIVED);
  const response = await z.request({ ...REQUEST, url: {{ url }} });
{% else %}
  const response = await z.request({ ...REQUEST });
{% endif %}
  // The connection label is rendered from this one record, so hand back the record, not a list.
  return readRecords(response, SHAPE)[0] || {};
};
