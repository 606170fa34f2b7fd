// Form-encodes alternating names and values ("number", "SO-1", "tags", ["a", "b"], ...), the bracket notation
// connector-gen's form encoding writes: objects as a[b]=v, arrays of scalars as repeated a[]=v, arrays of objects
// as a[0][b]=v, booleans as true/false; null and undefined are left out. Spaces are sent as "+".
function formEncode(...pairs) {
    const out = [];
    const encode = (text) => encodeURIComponent(text).replace(/%20/g, "+");
    const add = (name, value) => {
        if (value === null || value === undefined) {
            return;
        }
        if (Array.isArray(value)) {
            const flat = value.every((v) => v === null || typeof v !== "object");
            value.forEach((v, i) => add(flat ? `${name}[]` : `${name}[${i}]`, v));
        } else if (typeof value === "object") {
            Object.entries(value).forEach(([key, v]) => add(`${name}[${key}]`, v));
        } else {
            out.push(`${encode(name)}=${encode(String(value))}`);
        }
    };
    for (let i = 0; i + 1 < pairs.length; i += 2) {
        add(pairs[i], pairs[i + 1]);
    }
    return out.join("&");
}
