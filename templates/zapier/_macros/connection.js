{% macro connection_values(derived, source="...bundle.authData") %}
const connection = { {{ source }} };
{% for d in derived %}
// {{ d.key }} is derived, never asked: the first group of this pattern in {{ d.source }}.
connection[{{ d.key|json }}] = (new RegExp({{ d.pattern|json }}).exec(String(connection[{{ d.source|json }}] ?? '')) || [])[1];
{% endfor %}
{% endmacro %}
