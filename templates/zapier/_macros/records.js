{% macro with_id(id_from, name) %}
// Zapier identifies results by `id`; this resource's id is `{{ id_from }}`, which stays as well.
{{ name }} = {{ name }}.map((record) => ({ ...record, id: record[{{ id_from|json }}] }));
{% endmacro %}
