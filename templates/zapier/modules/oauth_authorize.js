{{ header }}
'use strict';

const { connectionValues } = require('../lib/connection');

const DERIVED = {{ derived|json(None) }};

// Where Zapier sends the user to consent; Zapier hands over state and redirect_uri, and keeps the client id.
module.exports = async (z, bundle) => {
{% if templated %}
  const connection = connectionValues({ ...bundle.inputData }, DERIVED);
{% endif %}
  const url = new URL({{ url }});
  url.searchParams.set('client_id', process.env.CLIENT_ID);
  url.searchParams.set('state', bundle.inputData.state);
  url.searchParams.set('redirect_uri', bundle.inputData.redirect_uri);
  url.searchParams.set('response_type', 'code');
{% if scope %}
  url.searchParams.set('scope', {{ scope|json }});
{% endif %}
  return url.toString();
};
