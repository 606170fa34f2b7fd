it("adds an ISO 8601 companion beside epoch seconds and milliseconds", () => {
    const out = isoDates({ created: 1777540000, at: 1777540000000, note: "x" }, '[["created","created_iso",1000],["at","atIso",1]]');
    assert.strictEqual(out.created_iso, "2026-04-30T09:06:40.000Z");
    assert.strictEqual(out.atIso, "2026-04-30T09:06:40.000Z");
    assert.strictEqual(out.note, "x");
});

it("leaves a missing or odd value without a companion", () => {
    assert.strictEqual(isoDates({ created: "soon" }, '[["created","created_iso",1000]]').created_iso, undefined);
});
