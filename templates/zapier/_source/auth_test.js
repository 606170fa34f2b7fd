{% from "_macros/connection.js" import connection_values %}
{% from "_macros/records.js" import read_records %}
{% if url %}
{{ connection_values(derived) }}
{% endif %}
{% if url %}
const response = await z.request({ method: {{ request.method|json }}, url: {{ url }} });
{% else %}
const response = await z.request({{ request|json(None) }});
{% endif %}
{{ read_records(shape) }}
// The connection label is rendered from this one record, so hand back the record, not a list.
return records[0] || {};
