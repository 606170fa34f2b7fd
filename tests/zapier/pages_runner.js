// Runs the app's shared paging loop (beforeApp's z.pages) against canned pages, for test_zapier_pages.py.
// stdin: {"source": beforeApp's module (middleware/before_app.js), "paging": {...}, "pages": [{"data": body, "link": header|null}],
//         "mode": "all" | "one", "metas": [bundle.meta, ...] (mode one), "max": records enough (mode all, optional)}
// stdout: {"requests": [request as sent], "results": [records of each call] | "error": message}
'use strict';

// The module's text as Node would load it (it requires nothing).
const load = (source) => {
  const module = { exports: {} };
  new Function('module', 'exports', source)(module, module.exports);
  return module.exports;
};

const main = async (spec) => {
  class AppError extends Error {
    constructor(message, code) {
      super(message);
      this.code = code;
    }
  }
  const cursors = {};
  const z = {
    errors: { Error: AppError },
    cursor: { get: async () => cursors.key || null, set: async (value) => { cursors.key = value; } },
  };
  const input = await load(spec.source)({ z });
  const requests = [];
  const send = async (request) => {
    requests.push(JSON.parse(JSON.stringify(request)));
    const page = spec.pages[Math.min(requests.length - 1, spec.pages.length - 1)];
    return { data: page.data, getHeader: (name) => (name.toLowerCase() === 'link' ? page.link : null) };
  };
  const read = (response) => response.data.items;
  const request = { method: 'GET', url: 'https://api.example.com/items', params: spec.params, body: spec.body };
  try {
    if (spec.mode === 'one') {
      const results = [];
      for (const meta of spec.metas) results.push(await input.z.pages.one({ meta }, request, send, read, spec.paging));
      return { requests, results };
    }
    const enough = spec.max ? (kept) => kept.length >= spec.max : undefined;
    return { requests, results: [await input.z.pages.all(request, send, read, spec.paging, { enough })] };
  } catch (error) {
    return { requests, error: error.message, code: error.code };
  }
};

let text = '';
process.stdin.on('data', (chunk) => { text += chunk; });
process.stdin.on('end', async () => process.stdout.write(JSON.stringify(await main(JSON.parse(text)))));
