{{ header }}
'use strict';

const { connectionValues } = require('../lib/connection');
const { apiMessage } = require('../lib/errors');

const DERIVED = {{ derived|json(None) }};
const ERROR_PATHS = {{ error_paths|json(None) }};

{% if grant == "authorization_code" %}
// Trades the authorization code for tokens (form-encoded, as OAuth 2.0 asks).
{% else %}
// Trades the refresh token for a new access token (form-encoded); Zapier stores what this returns.
{% endif %}
module.exports = async (z, bundle) => {
{% if templated %}
  const connection = connectionValues({ {{ source }} }, DERIVED);
{% endif %}
  const body = { grant_type: {{ grant|json }} };
{% if grant == "authorization_code" %}
  body.code = bundle.inputData.code;
  body.redirect_uri = bundle.inputData.redirect_uri;
{% else %}
  body.refresh_token = bundle.authData.refresh_token;
{% endif %}
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
{% if client_auth == "basic" %}
  headers.Authorization = 'Basic ' + Buffer.from(`${process.env.CLIENT_ID}:${process.env.CLIENT_SECRET}`, 'utf8').toString('base64');
{% else %}
  body.client_id = process.env.CLIENT_ID;
  body.client_secret = process.env.CLIENT_SECRET;
{% endif %}
  const response = await z.request({ method: 'POST', url: {{ url }}, headers, body, {{ token_flag }}: true });
  const answer = response.data && typeof response.data === 'object' ? response.data : {};
  if (response.status >= 400 || typeof answer.access_token !== 'string') {
    const found = apiMessage(answer, ERROR_PATHS);
    const message = [found, answer.error_description, answer.message, answer.error].find((text) => typeof text === 'string' && text)
      || `The token endpoint answered HTTP ${response.status}.`;
    throw new z.errors.Error(message, 'AuthenticationError', response.status);
  }
  const tokens = { access_token: answer.access_token };
{% if grant == "authorization_code" %}
  if (typeof answer.refresh_token === 'string') tokens.refresh_token = answer.refresh_token;
{% else %}
  // Keep the refresh token unless the server issued a new one.
  tokens.refresh_token = typeof answer.refresh_token === 'string' ? answer.refresh_token : bundle.authData.refresh_token;
{% endif %}
  if (typeof answer.expires_in === 'number') tokens.{{ expires_at }} = Date.now() + answer.expires_in * 1000;
  return tokens;
};
