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
const refuse = (spec) => {
  throw new z.errors.Error(spec.invalid, 'InvalidData', 400);
};
// A date-time as users give it (ISO 8601, no offset meaning UTC; a date, its midnight UTC; a whole number in the
// field's own epoch unit), in epoch milliseconds; undefined when it is none of these.
const instant = (value, format) => {
  const text = String(value).trim();
  if (format !== 'iso8601' && /^\d+$/.test(text)) return Number(text) * (format === 'epoch_s' ? 1000 : 1);
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|([+-])(\d{2}):?(\d{2}))?)?$/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', , sign, oh = '0', om = '0'] = match;
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Number((fraction + '000').slice(0, 3)));
  const check = new Date(ms);
  // Date.UTC rolls 31 April over to 1 May; the text must name a real moment.
  if (check.getUTCFullYear() !== +y || check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d
    || check.getUTCHours() !== +h || check.getUTCMinutes() !== +mi || check.getUTCSeconds() !== +s) return undefined;
  return ms - (sign ? (sign === '-' ? -1 : 1) * (+oh * 60 + +om) * 60000 : 0);
};
// What Zapier hands over (text, mostly) as the API's value, or a refusal naming the field before anything is sent.
const coerce = (spec, value) => {
  if (spec.list) return (Array.isArray(value) ? value : [value]).filter(present).map((item) => coerce(spec.list, item));
  if (spec.children) {
    // Line items: one object per row, built from the row's child fields.
    return (Array.isArray(value) ? value : [value]).map((row) => {
      const out = {};
      for (const child of spec.children) {
        const inner = row !== null && typeof row === 'object' ? row[child.key] : undefined;
        if (!present(inner)) continue;
        let node = out;
        for (const part of child.path.slice(0, -1)) node = node[part] = node[part] || {};
        node[child.path[child.path.length - 1]] = coerce(child, inner);
      }
      return out;
    }).filter((row) => Object.keys(row).length);
  }
  if (spec.choices) {
    const found = spec.choices.find(([text, choice]) => text === String(value).trim() || choice === value);
    if (!found) refuse(spec);
    return found[1];
  }
  if (spec.type === 'datetime') {
    const ms = typeof value === 'number' && Number.isInteger(value) ? instant(String(value), spec.format) : instant(value, spec.format);
    if (ms === undefined || ms > 253402300799999) refuse(spec);
    if (spec.format === 'epoch_ms') return ms;
    if (spec.format === 'epoch_s') return Math.floor(ms / 1000);
    return new Date(ms).toISOString();
  }
  if (spec.type === 'integer' || spec.type === 'number') {
    const number = typeof value === 'string' ? Number(value.trim()) : value;
    const whole = spec.type === 'number' || Number.isInteger(number);
    if (typeof number !== 'number' || !whole || Number.isNaN(number)
      || (spec.min != null && number < spec.min) || (spec.max != null && number > spec.max)) {
      refuse(spec);
    }
    return number;
  }
  if (spec.type === 'boolean') {
    if (typeof value === 'boolean') return value;
    return ['true', 'yes', '1'].includes(String(value).toLowerCase());
  }
  return value;
};
// What each input was sent as, by its key (an empty answer hands the id back).
const given = {};
{% if req.body is not none %}
const fields = {};
{% endif %}
// Optional inputs left empty are not sent; nested objects are built from their flat inputs.
for (const field of inputs) {
  const value = bundle.inputData[field.key];
  if (!present(value) && field.missing) throw new z.errors.Error(field.missing, 'InvalidData', 400);
  if (!present(value)) continue;
  const typed = given[field.key] = coerce(field, value);
  if (field.in === 'path') {
    request.url = request.url.split('{' + field.path[0] + '}').join(encodeURIComponent(String(typed)));
    continue;
  }
  if (field.in === 'query') {
    request.params = request.params || {};
    request.params[field.path[0]] = typed;
    continue;
  }
{% if req.body is not none %}
  let node = fields;
  for (const part of field.path.slice(0, -1)) node = node[part] = node[part] || {};
  node[field.path[field.path.length - 1]] = typed;
{% endif %}
}
{% if req.body is not none %}
request.body = fields;
{% if req.wrap %}
// The API takes the record's fields inside one key.
request.body = { {{ req.wrap|json }}: request.body };
{% endif %}
{% if req.body %}
// Fixed values sit at the body's top level, before the inputs.
request.body = { ...{{ req.body|json(None) }}, ...request.body };
{% endif %}
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
{% if req.form %}
  // The API takes this body form-encoded: object keys as a[b], arrays of scalars as repeated a[], arrays of
  // objects as a[0][b], booleans as true/false, nulls left out (core's own form encoding cannot nest).
  const pairs = [];
  const add = (name, value) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      if (value.every((item) => item === null || typeof item !== 'object')) {
        for (const item of value) if (item !== null && item !== undefined) pairs.push([name + '[]', String(item)]);
      } else value.forEach((item, index) => add(`${name}[${index}]`, item));
    } else if (typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) add(`${name}[${key}]`, inner);
    } else pairs.push([name, String(value)]);
  };
  for (const [key, value] of Object.entries(request.body)) add(key, value);
  const encode = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, '+');
  request.body = pairs.map(([key, value]) => `${encode(key)}=${encode(value)}`).join('&');
  request.headers = { ...(request.headers || {}), 'Content-Type': {{ req.content_type|json }} };
{% else %}
  if (request.body !== undefined && JSON.stringify(request.body).includes(curlies)) {
    request.body = JSON.stringify(request.body).split(curlies).join('\x7b\\u007b');
  }
{% endif %}
  return z.request(request);
};
{% endmacro %}
