{% from "_macros/records.js" import with_id, read_records %}
{% from "_macros/request.js" import build_request %}
{{ build_request(req) }}
const response = await send(request);
{{ read_records(shape) }}
// An action returns one object; an empty (204) answer still identifies the record acted on.
{% if id_from %}
let result = [records[0] || {{ fallback|json(None) }}.reduce((record, key) => Object.assign(record, { [key]: bundle.inputData[key] }), {})];
{{ with_id(id_from, "result") }}
return result[0];
{% else %}
return records[0] || {{ fallback|json(None) }}.reduce((record, key) => Object.assign(record, { [key]: bundle.inputData[key] }), {});
{% endif %}
