// The connection label, over the record the connection test returned (bundle.inputData).
const dig = (value, path) => path.reduce((node, key) => (node !== null && typeof node === 'object' ? node[key] : undefined), value);
return {{ text }};
