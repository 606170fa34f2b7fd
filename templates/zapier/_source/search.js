{% from "_macros/records.js" import with_id, read_function %}
{% from "_macros/request.js" import build_request %}
{{ build_request(req) }}
{{ read_function(shape) }}
{% if exact %}
// The API matches loosely; keep only records where one of these fields is exactly the text given.
const wanted = String(bundle.inputData[{{ exact.input|json }}]).trim();
const keep = (record) => {{ exact.fields|json(None) }}.some((name) => record[name] !== undefined && String(record[name]) === wanted);
{% else %}
const keep = null;
{% endif %}
// Pages are read until {{ max_results }} record{{ "s" if max_results != 1 else "" }} matched or the last page.
const enough = (kept) => kept.length >= {{ max_results }};
{% if not_found_status %}
let records;
try {
  records = await z.pages.all(request, send, read, {{ paging|json(None) }}, { keep, enough });
} catch (error) {
  // A record that does not exist is a search miss, not an error.
  if (error.name === 'AppError' && JSON.parse(error.message).status === {{ not_found_status }}) return [];
  throw error;
}
{% else %}
let records = await z.pages.all(request, send, read, {{ paging|json(None) }}, { keep, enough });
{% endif %}
{% if id_from %}
{{ with_id(id_from, "records") }}
{% endif %}
return records.slice(0, {{ max_results }});
