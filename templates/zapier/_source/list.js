{% from "_macros/records.js" import with_id, read_records %}
{% from "_macros/request.js" import build_request %}
{{ build_request(req) }}
{% if offset_param %}
// Dropdowns ask for further pages with bundle.meta.page.
const page = (bundle.meta && bundle.meta.page) || 0;
if (page > 0) request.params[{{ offset_param|json }}] = page * {{ page_size }};
{% endif %}
const response = await send(request);
{{ read_records(shape) }}
{% if id_from %}
{{ with_id(id_from, "records") }}
{% endif %}
return records;
