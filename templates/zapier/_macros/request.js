{% from "_macros/connection.js" import connection_values %}
{% macro build_request(req) %}
const request = {{ req.fixed|json(None) }};
{% if req.url %}
// The address names connection settings.
{{ connection_values(req.derived) }}
request.url = {{ req.url }};
{% endif %}
const inputs = {{ req.inputs|json(None) }};
// Blank text counts as empty, as it does for every other target.
const present = (value) => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
const coerce = (field, value) => {
  if (field.type === 'integer' || field.type === 'number') {
    const number = typeof value === 'string' ? Number(value.trim()) : value;
    const whole = field.type === 'number' || Number.isInteger(number);
    if (typeof number !== 'number' || !whole || Number.isNaN(number)
      || (field.min != null && number < field.min) || (field.max != null && number > field.max)) {
      throw new z.errors.Error(field.invalid, 'InvalidData', 400);
    }
    return number;
  }
  if (field.type === 'boolean') {
    if (typeof value === 'boolean') return value;
    return ['true', 'yes', '1'].includes(String(value).toLowerCase());
  }
  return value;
};
// Optional inputs left empty are not sent; nested objects are built from their flat inputs.
for (const field of inputs) {
  const value = bundle.inputData[field.key];
  if (!present(value)) continue;
  if (field.in === 'path') {
    request.url = request.url.split('{' + field.path[0] + '}').join(encodeURIComponent(String(value)));
    continue;
  }
  if (field.in === 'query') {
    request.params = request.params || {};
    request.params[field.path[0]] = coerce(field, value);
    continue;
  }
  request.body = request.body || {};
  let node = request.body;
  for (const part of field.path.slice(0, -1)) node = node[part] = node[part] || {};
  node[field.path[field.path.length - 1]] = coerce(field, value);
}
{% if req.wrap %}
// The API takes the record's fields inside one key.
if (request.body !== undefined) request.body = { {{ req.wrap|json }}: request.body };
{% endif %}
// Zapier templates double curly braces in params and object bodies (drops or rejects them). Such a param
// is handed to Zapier as an opaque stand-in that its encoder turns back into the text; such a body goes as
// JSON text with the braces escaped. Either way the API receives the text as written.
const curlies = '\x7b\x7b';
const send = (request) => {
  const standIns = new Map();
  for (const [name, value] of Object.entries(request.params || {})) {
    if (!String(value).includes(curlies)) continue;
    const standIn = `\uE000${standIns.size}\uE000`;
    standIns.set(standIn, String(value));
    request.params[name] = standIn;
  }
  if (standIns.size) request.encodeURIComponent = (text) => encodeURIComponent(standIns.has(text) ? standIns.get(text) : text);
  if (request.body !== undefined && JSON.stringify(request.body).includes(curlies)) {
    request.body = JSON.stringify(request.body).split(curlies).join('\x7b\\u007b');
  }
  return z.request(request);
};
{% endmacro %}
