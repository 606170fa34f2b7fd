{#- The constants and first lines every operation module shares: its request, inputs and value rules. -#}
{% macro constants(req, shape) %}
// The fixed part of the request and how its body is sent.
const OPERATION = {{ req.operation }};
// One row per input: its key in Zapier's form, where it goes and its rule in lib/values.js.
const INPUTS = {{ req.inputs }};
// Where the answer keeps its records: {{ shape.where }}.
const SHAPE = {{ shape.data|json(None) }};
{% endmacro %}
{% macro url_function(req) %}
{% if req.url %}
// The address names connection settings.
const url = (connection) => {{ req.url }};
{% endif %}
{% endmacro %}
