{% from "_macros/records.js" import with_id, read_records %}
{% from "_macros/request.js" import build_request %}
{{ build_request(req) }}
{% if not_found_status %}
let response;
try {
  response = await send(request);
} catch (error) {
  // A record that does not exist is a search miss, not an error.
  if (error.name === 'AppError' && JSON.parse(error.message).status === {{ not_found_status }}) return [];
  throw error;
}
{% else %}
const response = await send(request);
{% endif %}
{{ read_records(shape) }}
{% if exact %}
// The API matches loosely; keep only records where one of these fields is exactly the text given.
const wanted = String(bundle.inputData[{{ exact.input|json }}]).trim();
records = records.filter((record) => {{ exact.fields|json(None) }}.some((name) => record[name] !== undefined && String(record[name]) === wanted));
{% endif %}
{% if id_from %}
{{ with_id(id_from, "records") }}
{% endif %}
return records.slice(0, {{ max_results }});
