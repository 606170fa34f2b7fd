// The record as the API sent it, plus an ISO 8601 companion beside each epoch field: `fields` is JSON text of
// [name, companion key, milliseconds per unit] triples; the companion is new Date(ms).toISOString(), the text
// every connector-gen target hands on. A value that is no whole, non-negative number gets no companion.
function isoDates(record, fields) {
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
        return record;
    }
    const out = { ...record };
    for (const [name, key, unit] of JSON.parse(fields)) {
        const value = record[name];
        if (Number.isInteger(value) && value >= 0) {
            out[key] = new Date(value * unit).toISOString();
        }
    }
    return out;
}
