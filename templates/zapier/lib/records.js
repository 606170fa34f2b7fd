{{ header }}
'use strict';

// The value at `path` (a list of keys) inside `node`, or undefined.
const dig = (node, path) => path.reduce((at, key) => (at !== null && typeof at === 'object' ? at[key] : undefined), node);

// The records of one answer, as `shape` says where they are (many: a list at `path`, each item's record at `item`;
// else one record at `path`). Epoch date-times keep their number and gain an ISO 8601 companion (`iso`), the form
// Zapier's date handling expects.
const readRecords = (response, shape) => {
  const found = dig(response.data, shape.path);
  let records;
  if (shape.many) {
    records = (Array.isArray(found) ? found : []).map((item) => (shape.item.length ? dig(item, shape.item) : item));
  } else {
    records = found !== null && typeof found === 'object' && !Array.isArray(found) && Object.keys(found).length ? [found] : [];
  }
  if (!shape.timestamps.length) return records;
  return records.map((record) => {
    if (!record || typeof record !== 'object') return record;
    const out = { ...record };
    for (const { name, iso, scale } of shape.timestamps) {
      const value = out[name];
      if (Number.isInteger(value) && value >= 0 && value * scale <= 253402300799999) out[iso] = new Date(value * scale).toISOString();
    }
    return out;
  });
};

// Zapier identifies results by `id`; a resource whose id is another field keeps that field and gains `id`.
const withId = (records, idField) => (idField ? records.map((record) => ({ ...record, id: record[idField] })) : records);

module.exports = { dig, readRecords, withId };
