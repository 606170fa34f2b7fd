{% from "_macros/records.js" import with_id, read_records %}
{% from "_macros/request.js" import build_request %}
{{ build_request(req) }}
// Zapier keeps no cursor between polls: ask for a bounded window back from now; Zapier dedupes.
request.params[{{ cursor_param|json }}] = Date.now() - {{ window_ms }};
const response = await send(request);
{{ read_records(shape) }}
{% if keep %}
records = records.filter((record) => record[{{ keep.field|json }}] === {{ keep.equals|json }});
{% endif %}
{% if id_from %}
{{ with_id(id_from, "records") }}
{% endif %}
// Zapier expects newest first.
return records.sort((a, b) => (b[{{ order_field|json }}] || 0) - (a[{{ order_field|json }}] || 0));
