{{ header }}
'use strict';

const { connectionValues } = require('../lib/connection');

const DERIVED = {{ derived|json(None) }};

// The connection reaches every request here: setting headers and the credentials, built from bundle.authData.
module.exports = async (request, z, bundle) => {
{% if token_flag %}
  if (request.{{ token_flag }}) return request; // a token request: it sends the client credentials itself
{% endif %}
  const connection = connectionValues(bundle.authData, DERIVED);
{% if expiry %}
  // The access token's known expiry has passed: Zapier refreshes it (refreshAccessToken), then runs this request again.
  if (typeof connection.{{ expires_at }} === 'number' && Date.now() >= connection.{{ expires_at }}) {
    throw new z.errors.RefreshAuthError('The access token has expired.');
  }
{% endif %}
{% if headers %}
  const headers = {
{% for name, expression in headers %}
    {{ name|json }}: {{ expression }},
{% endfor %}
  };
{% else %}
  const headers = {};
{% endif %}
{% if basic %}
  headers.Authorization = 'Basic ' + Buffer.from({{ basic }}, 'utf8').toString('base64');
{% endif %}
  request.headers = request.headers || {};
  for (const [name, value] of Object.entries(headers)) {
    for (const key of Object.keys(request.headers)) if (key.toLowerCase() === name.toLowerCase()) delete request.headers[key];
    request.headers[name] = value;
  }
{% if params %}
  request.params = request.params || {};
{% for name, expression in params %}
  request.params[{{ name|json }}] = {{ expression }};
{% endfor %}
{% endif %}
  return request;
};
