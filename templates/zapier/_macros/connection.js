{% macro connection_values(derived, source="...bundle.authData") %}
const connection = { {{ source }} };
{% for d in derived %}
{% if "alias" in d %}
// {{ d.key }} is stored under the app's pinned key {{ d.alias }}.
connection[{{ d.key|json }}] = connection[{{ d.alias|json }}];
{% else %}
// {{ d.key }} is derived, never asked: the first group of this pattern in {{ d.source }}.
connection[{{ d.key|json }}] = (new RegExp({{ d.pattern|json }}).exec(String(connection[{{ d.source|json }}] ?? '')) || [])[1];
{% endif %}
{% endfor %}
{% endmacro %}
