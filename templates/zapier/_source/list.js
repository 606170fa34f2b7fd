{% from "_macros/records.js" import with_id, read_function %}
{% from "_macros/request.js" import build_request %}
{{ build_request(req) }}
{{ read_function(shape) }}
const paging = {{ paging|json(None) }};
{% if dropdown %}
// A dynamic dropdown asks for one page at a time ("Load more"); anything else reads every page.
let records = bundle.meta && bundle.meta.isFillingDynamicDropdown
  ? await z.pages.one(bundle, request, send, read, paging)
  : await z.pages.all(request, send, read, paging);
{% else %}
let records = await z.pages.all(request, send, read, paging);
{% endif %}
{% if id_from %}
{{ with_id(id_from, "records") }}
{% endif %}
return records;
