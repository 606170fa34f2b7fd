const response = await z.request({{ request|json(None) }});
// The connection label is rendered from this one record, so hand back the record, not a list.
return Array.isArray(response.data) ? response.data[0] || {} : response.data || {};
