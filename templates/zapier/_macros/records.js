{% macro with_id(id_from, name) %}
// Zapier identifies results by `id`; this resource's id is `{{ id_from }}`, which stays as well.
{{ name }} = {{ name }}.map((record) => ({ ...record, id: record[{{ id_from|json }}] }));
{% endmacro %}
{% macro read_records(shape) %}
// This answer keeps {{ "a list of records" if shape.many else "one record" }} at {{ shape.where }}.
const found = {{ shape.path|json(None) }}.reduce((node, key) => (node !== null && typeof node === 'object' ? node[key] : undefined), response.data);
{% if shape.many %}
let records = Array.isArray(found) ? found : [];
{% else %}
let records = found !== null && typeof found === 'object' && !Array.isArray(found) && Object.keys(found).length ? [found] : [];
{% endif %}
{% if shape.timestamps %}
// Epoch-millisecond timestamps get ISO-8601 companions, which Zapier's date handling expects.
const timestampFields = {{ shape.timestamps|json(None) }};
records = records.map((record) => {
  if (!record || typeof record !== 'object') return record;
  const out = { ...record };
  for (const name of timestampFields) if (typeof out[name] === 'number') out[name + 'Iso'] = new Date(out[name]).toISOString();
  return out;
});
{% endif %}
{% endmacro %}
