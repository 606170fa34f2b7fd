{{ header }}
'use strict';

// The API's own message: the first of `errorPaths` that yields text (an index picks an element, `*` joins the
// text of every element with "; "); a body that is not JSON is the message itself when it is short plain text.
const apiMessage = (content, errorPaths) => {
  let body;
  try {
    body = typeof content === 'string' ? JSON.parse(content) : content;
  } catch (error) {
    body = String(content);
  }
  if (typeof body === 'string') {
    const text = body.trim();
    return text && !text.startsWith('<') ? text.slice(0, 500) : undefined;
  }
  const texts = (value, path) => {
    if (!path.length) {
      if (typeof value === 'string' && value.trim()) return [value.trim()];
      return typeof value === 'number' && Number.isFinite(value) ? [String(value)] : [];
    }
    const [head, ...rest] = path;
    if (head === '*') return Array.isArray(value) ? value.flatMap((element) => texts(element, rest)) : [];
    if (value === null || typeof value !== 'object') return [];
    const inner = Array.isArray(value) && /^-?\d+$/.test(head) ? value[Number(head) < 0 ? value.length + Number(head) : Number(head)] : Array.isArray(value) ? undefined : value[head];
    return inner === undefined || inner === null ? [] : texts(inner, rest);
  };
  for (const path of errorPaths) {
    const found = texts(body, path);
    if (found.length) return [...new Set(found)].join('; ');
  }
  return undefined;
};

module.exports = { apiMessage };
