it("writes nested objects and arrays in bracket notation", () => {
    const text = formEncode("n", "a b", "c", { name: "Ada" }, "tags", ["x", "y"], "items", [{ sku: "M", q: 2 }], "gone", null);
    assert.strictEqual(text, "n=a+b&c%5Bname%5D=Ada&tags%5B%5D=x&tags%5B%5D=y&items%5B0%5D%5Bsku%5D=M&items%5B0%5D%5Bq%5D=2");
});

it("writes booleans as true and false", () => {
    assert.strictEqual(formEncode("on", true, "off", false), "on=true&off=false");
});
