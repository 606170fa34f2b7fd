{{ header }}
'use strict';

const { apiMessage } = require('../lib/errors');

// API errors become Zapier errors carrying the API's message; each operation reads its own records.
{% if refresh_401 %}
// A 401 means the access token is stale: RefreshAuthError makes Zapier refresh it and run the request again.
{% endif %}
const STATUSES = {{ statuses|json }};
const ERROR_PATHS = {{ error_paths|json(None) }};
{% if rate_limited %}
// Answers besides 429 that mean "rate limited" (a status, and a header's value when given).
const RATE_LIMITED = {{ rate_limited|json(None) }};
{% endif %}

module.exports = async (response, z, bundle) => {
{% if token_flag %}
  if (response.{{ token_flag }}) return response; // a token request reads its own errors
{% endif %}
{% if rate_limited %}
  const header = (name) => response.getHeader(name);
  const throttled = response.status === 429 || RATE_LIMITED.some((rule) => rule.status === response.status
    && (rule.header === null || (header(rule.header) != null && (rule.equals === null || String(header(rule.header)).trim() === rule.equals))));
{% else %}
  const throttled = response.status === 429;
{% endif %}
  if (response.status < 400 && !throttled) return response;
  const known = STATUSES[String(response.status)] || {};
  const message = apiMessage(response.content, ERROR_PATHS) || (throttled && (STATUSES['429'] || {}).message) || known.message || `HTTP ${response.status}`;
{% if refresh_401 %}
  if (response.status === 401) throw new z.errors.RefreshAuthError(message);
{% endif %}
  if (throttled) {
    // Retry-After holds delay-seconds or an HTTP date (RFC 9110); Zapier retries after that many seconds.
    const retry = String(response.getHeader('retry-after') || '').trim();
    // Whole seconds per the RFC; a decimal such as Shopify's "2.0" is rounded up.
    const seconds = /^\d+(\.\d+)?$/.test(retry);
    const when = seconds ? NaN : Date.parse(retry);
    const delay = seconds ? Math.ceil(parseFloat(retry)) : Number.isNaN(when) ? undefined : Math.max(0, Math.ceil((when - Date.now()) / 1000));
    throw new z.errors.ThrottledError(message, delay);
  }
  throw new z.errors.Error(message, known.code || 'ApiError', response.status);
};
