{% from "_macros/records.js" import with_id, read_records %}
{% from "_macros/request.js" import build_request %}
{{ build_request(req) }}
const response = await send(request);
{% if empty %}
// The API answers with nothing to read: hand on what was acted on, so later steps can map it.
{% if empty.id %}
let result = [{ {{ empty.id.field|json }}: given[{{ empty.id.key|json }}], ...{{ empty.fixed|json(None) }} }];
{% else %}
let result = [{{ empty.fixed|json(None) }}];
{% endif %}
{% if id_from %}
{{ with_id(id_from, "result") }}
{% endif %}
return result[0];
{% else %}
{{ read_records(shape) }}
// An action returns one object; an empty answer still identifies the record acted on.
let result = [records[0] || {{ fallback|json(None) }}.reduce((record, [name, key]) => Object.assign(record, { [name]: bundle.inputData[key] }), {})];
{% if id_from %}
{{ with_id(id_from, "result") }}
{% endif %}
return result[0];
{% endif %}
