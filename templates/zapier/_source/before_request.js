// These fixed headers hold double curly braces, which requestTemplate would template; they are set here, as written.
const headers = {{ headers|json(None) }};
request.headers = request.headers || {};
for (const [name, value] of Object.entries(headers)) {
  for (const key of Object.keys(request.headers)) if (key.toLowerCase() === name.toLowerCase()) delete request.headers[key];
  request.headers[name] = value;
}
return request;
