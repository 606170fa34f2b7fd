{% macro with_id(id_from, name) %}
// Zapier identifies results by `id`; this resource's id is `{{ id_from }}`, which stays as well.
{{ name }} = {{ name }}.map((record) => ({ ...record, id: record[{{ id_from|json }}] }));
{% endmacro %}
{% macro read_records(shape) %}
// This answer keeps {{ "a list of records" if shape.many else "one record" }} at {{ shape.where }}.
const found = {{ shape.path|json(None) }}.reduce((node, key) => (node !== null && typeof node === 'object' ? node[key] : undefined), response.data);
{% if shape.many %}
{% if shape.item %}
// Each item wraps its record at {{ shape.item|join(".") }}.
let records = (Array.isArray(found) ? found : []).map((item) => {{ shape.item|json(None) }}.reduce((node, key) => (node !== null && typeof node === 'object' ? node[key] : undefined), item));
{% else %}
let records = Array.isArray(found) ? found : [];
{% endif %}
{% else %}
let records = found !== null && typeof found === 'object' && !Array.isArray(found) && Object.keys(found).length ? [found] : [];
{% endif %}
{% if shape.timestamps %}
// Epoch date-times keep their number and gain an ISO 8601 companion, the form Zapier's date handling expects.
const timestampFields = {{ shape.timestamps|json(None) }};
records = records.map((record) => {
  if (!record || typeof record !== 'object') return record;
  const out = { ...record };
  for (const { name, iso, scale } of timestampFields) {
    const value = out[name];
    if (Number.isInteger(value) && value >= 0 && value * scale <= 253402300799999) out[iso] = new Date(value * scale).toISOString();
  }
  return out;
});
{% endif %}
{% endmacro %}
{% macro read_function(shape) %}
// The records of one page's answer.
const read = (response) => {
  {{ read_records(shape)|trim|indent(2) }}
  return records;
};
{% endmacro %}
