{{ header }}
'use strict';

const { connectionValues } = require('./connection');

// Blank text counts as empty, as it does for every other target.
const present = (value) => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
const refuse = (z, spec) => {
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
// The calendar day a user means ({y, m, d} as text), or undefined: Zapier's datetime field hands over ISO 8601
// ("2026-05-10T10:00:00-07:00": the day as written, whatever the offset) or the text mapped from an earlier step
// ("May 10, 2026": read as that day, not as a moment in some zone).
const calendarDay = (value) => {
  const text = String(value).trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[Tt ])/.exec(text);
  if (iso) {
    const check = new Date(Date.UTC(+iso[1], +iso[2] - 1, +iso[3]));
    if (check.getUTCMonth() !== +iso[2] - 1 || check.getUTCDate() !== +iso[3]) return undefined;
    return { y: iso[1], m: iso[2], d: iso[3] };
  }
  if (!/[A-Za-z]/.test(text)) return undefined;
  // Text without an offset is read in the process's zone, so that zone's calendar gives back the day written.
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  const day = new Date(ms);
  const pad = (n, width) => String(n).padStart(width, '0');
  return { y: pad(day.getFullYear(), 4), m: pad(day.getMonth() + 1, 2), d: pad(day.getDate(), 2) };
};
// What Zapier hands over (text, mostly) as the API's value, or a refusal naming the field before anything is sent.
const coerce = (z, spec, value) => {
  if (spec.list) return (Array.isArray(value) ? value : [value]).filter(present).map((item) => coerce(z, spec.list, item));
  if (spec.children) {
    // Line items: one object per row, built from the row's child fields.
    return (Array.isArray(value) ? value : [value]).map((row) => {
      const out = {};
      for (const child of spec.children) {
        const inner = row !== null && typeof row === 'object' ? row[child.key] : undefined;
        if (!present(inner)) continue;
        let node = out;
        for (const part of child.path.slice(0, -1)) node = node[part] = node[part] || {};
        node[child.path[child.path.length - 1]] = coerce(z, child, inner);
      }
      return out;
    }).filter((row) => Object.keys(row).length);
  }
  if (spec.choices) {
    const found = spec.choices.find(([text, choice]) => text === String(value).trim() || choice === value);
    if (!found) refuse(z, spec);
    return found[1];
  }
  if (spec.type === 'date') {
    const day = calendarDay(value);
    if (!day) refuse(z, spec);
    return spec.format.replace('YYYY', day.y).replace('MM', day.m).replace('DD', day.d);
  }
  if (spec.type === 'datetime') {
    const ms = typeof value === 'number' && Number.isInteger(value) ? instant(String(value), spec.format) : instant(value, spec.format);
    if (ms === undefined || ms > 253402300799999) refuse(z, spec);
    if (spec.format === 'epoch_ms') return ms;
    if (spec.format === 'epoch_s') return Math.floor(ms / 1000);
    return new Date(ms).toISOString();
  }
  if (spec.type === 'integer' || spec.type === 'number') {
    const number = typeof value === 'string' ? Number(value.trim()) : value;
    const whole = spec.type === 'number' || Number.isInteger(number);
    if (typeof number !== 'number' || !whole || Number.isNaN(number)
      || (spec.min != null && number < spec.min) || (spec.max != null && number > spec.max)) {
      refuse(z, spec);
    }
    return number;
  }
  if (spec.type === 'boolean') {
    if (typeof value === 'boolean') return value;
    return ['true', 'yes', '1'].includes(String(value).toLowerCase());
  }
  return value;
};

// The API takes a form body form-encoded: object keys as a[b], arrays of scalars as repeated a[], arrays of
// objects as a[0][b], booleans as true/false, nulls left out (core's own form encoding cannot nest).
const formEncode = (body) => {
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
  for (const [key, value] of Object.entries(body)) add(key, value);
  const encode = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, '+');
  return pairs.map(([key, value]) => `${encode(key)}=${encode(value)}`).join('&');
};

// Zapier templates double curly braces in params and object bodies (drops or rejects them). Such a param
// is handed to Zapier as an opaque stand-in that its encoder turns back into the text; such a body goes as
// JSON text with the braces escaped. Either way the API receives the text as written.
const curlies = '\x7b\x7b';
const sender = (z, options) => (request) => {
  const standIns = new Map();
  for (const [name, value] of Object.entries(request.params || {})) {
    if (!String(value).includes(curlies)) continue;
    const standIn = `\uE000${standIns.size}\uE000`;
    standIns.set(standIn, String(value));
    request.params[name] = standIn;
  }
  if (standIns.size) request.encodeURIComponent = (text) => encodeURIComponent(standIns.has(text) ? standIns.get(text) : text);
  if (options.form) {
    request.body = formEncode(request.body);
    request.headers = { ...(request.headers || {}), 'Content-Type': options.contentType };
  } else if (request.body !== undefined && JSON.stringify(request.body).includes(curlies)) {
    request.body = JSON.stringify(request.body).split(curlies).join('\x7b\\u007b');
  }
  return z.request(request);
};

// The request an operation sends, built from its fixed part, its address (`url`, a function of the connection,
// when the address names connection settings) and the user's inputs; `values` says how each input's text becomes
// the API's value. Returns the request, what each input was sent as (by key) and `send`, which sends one page.
const buildRequest = (z, bundle, operation, inputs, values, url) => {
  const request = JSON.parse(JSON.stringify(operation.fixed));
  if (url) request.url = url(connectionValues(bundle.authData, operation.derived));
  const given = {};
  const fields = {};
  // Optional inputs left empty are not sent; nested objects are built from their flat inputs.
  for (const field of inputs) {
    const value = bundle.inputData[field.key];
    if (!present(value) && field.missing) throw new z.errors.Error(field.missing, 'InvalidData', 400);
    if (!present(value)) continue;
    const typed = given[field.key] = coerce(z, values[field.value], value);
    if (field.in === 'path') {
      request.url = request.url.split('{' + field.path[0] + '}').join(encodeURIComponent(String(typed)));
    } else if (field.in === 'query') {
      request.params = request.params || {};
      request.params[field.path[0]] = typed;
    } else {
      let node = fields;
      for (const part of field.path.slice(0, -1)) node = node[part] = node[part] || {};
      node[field.path[field.path.length - 1]] = typed;
    }
  }
  if (operation.body) {
    // The API may take the record's fields inside one key; fixed values sit at the body's top level, first.
    const record = operation.wrap ? { [operation.wrap]: fields } : fields;
    request.body = { ...operation.body, ...record };
  }
  return { request, given, send: sender(z, operation) };
};

module.exports = { present, buildRequest };
