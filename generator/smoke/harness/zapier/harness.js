// Runs a generated Zapier app with zapier-platform-core, one JSON request per stdin line, one JSON answer per
// stdout line (prefixed with MARK). Commands:
//   {"cmd": "validate", "dist": DIR}  -> {"ok": true, "schema": [errors of validateAppDefinition], "core": [errors of core's validate]}
//   {"cmd": "definition", "dist": DIR} -> {"ok": true, "definition": the app as index.js exports it}
//   {"cmd": "run", "dist": DIR, "method": "triggers.x.operation.perform", "bundle": {...},
//    "redirects": [[real URL prefix, served at], ...], "env": {CLIENT_ID, CLIENT_SECRET}, "now": epoch ms | null}
//     (run by core's lambda handler, with a cursor store per method: what createAppTester runs, plus z.cursor)
//     -> {"ok": true, "result": ..., "refreshed": tokens | absent} | {"ok": false, "error": {"name", "message"}}
// The app is loaded through its own index.js, unchanged. The harness only adds one last beforeRequest that sends
// each request for a real URL prefix to where it is served (the test's DNS), and emulates Zapier's token refresh.
'use strict';

// Core decides at require time whether its output checks throw (they must, in tests).
process.env.NODE_ENV = 'test';

const path = require('path');
const readline = require('readline');
const zapier = require('zapier-platform-core');
const { findSourceRequireFunctions } = require('zapier-platform-core/src/tools/schema-tools');
const { validateAppDefinition } = require('zapier-platform-schema');

const testers = new Map();
// Answers carry this prefix: anything else on stdout (an app's console.log, core's notices) is not an answer.
const MARK = '@@connector-gen@@ ';

const loadApp = (dist) => {
  const file = path.resolve(dist, 'index.js');
  delete require.cache[file];
  delete require.cache[path.resolve(dist, 'app-definition.json')];
  delete require.cache[path.resolve(dist, 'package.json')];
  return require(file);
};

// The longest matching real prefix wins, so a token URL on the API host can be served elsewhere than the API.
const redirect = (redirects) => (request) => {
  const url = String(request.url || '');
  const match = redirects.filter(([real]) => url.startsWith(real)).sort((a, b) => b[0].length - a[0].length)[0];
  if (match) request.url = match[1] + url.slice(match[0].length);
  return request;
};

// {source} functions are compiled first, as core does when Zapier loads the app.
const testerFor = (dist, redirects) => {
  const key = JSON.stringify([dist, redirects]);
  if (!testers.has(key)) {
    const app = findSourceRequireFunctions(JSON.parse(JSON.stringify(loadApp(dist))));
    app.beforeRequest = [...(app.beforeRequest || []), redirect(redirects)];
    const handler = zapier.createAppHandler(app);
    // Zapier keeps a canPaginate trigger's z.cursor between the calls for its pages; core's RPC client reads and
    // writes this object instead of Zapier's servers when the event carries it (core's own test hook).
    const cursors = {};
    const execute = async (method, bundle) => {
      const event = { command: 'execute', method, bundle, storeKey: `harness-${method}`, cursorTestObj: cursors, zcacheTestObj: {} };
      return (await handler(event)).results;
    };
    testers.set(key, { app, execute });
  }
  return testers.get(key);
};

// What Zapier's platform does when a call throws RefreshAuthError (its app's refreshAccessToken, then the call
// once more): run refreshAccessToken with the same bundle, merge the tokens it returns into authData, retry once.
// A refresh that fails throws its own error (the token endpoint's message), as Zapier then marks the connection.
const REFRESH = 'authentication.oauth2Config.refreshAccessToken';
const runWithRefresh = async (app, execute, method, bundle) => {
  try {
    return { result: await execute(method, bundle) };
  } catch (error) {
    const refresh = app.authentication && app.authentication.oauth2Config && app.authentication.oauth2Config.refreshAccessToken;
    if (!error || error.name !== 'RefreshAuthError' || !refresh) throw error;
    const refreshed = await execute(REFRESH, bundle);
    const retried = { ...bundle, authData: { ...bundle.authData, ...refreshed } };
    return { result: await execute(method, retried), refreshed };
  }
};

const run = async (msg) => {
  if (msg.cmd === 'validate') {
    const app = loadApp(msg.dist);
    const schema = validateAppDefinition(app).errors.map((e) => `${e.property}: ${e.message}`);
    const out = await zapier.createAppHandler(app)({ command: 'validate', method: '', bundle: {}, calledFromCli: true });
    return { ok: true, schema, core: out.results.map((e) => (typeof e === 'string' ? e : `${e.property}: ${e.message}`)) };
  }
  if (msg.cmd === 'definition') {
    return { ok: true, definition: loadApp(msg.dist) };
  }
  if (msg.cmd === 'run') {
    const { app, execute } = testerFor(msg.dist, msg.redirects || []);
    const method = msg.method.split('.').reduce((node, part) => (node ? node[part] : undefined), app);
    if (method === undefined) throw new Error(`the app has no ${msg.method}`);
    const realNow = Date.now;
    // Polling windows are relative to "now": use the mock's clock, not the wall clock.
    if (typeof msg.now === 'number') Date.now = () => msg.now;
    // Zapier's platform holds the OAuth client id and secret in the app's environment.
    for (const [name, value] of Object.entries(msg.env || {})) process.env[name] = value;
    try {
      return { ok: true, ...(await runWithRefresh(app, execute, msg.method, msg.bundle)) };
    } finally {
      Date.now = realNow;
      for (const name of Object.keys(msg.env || {})) delete process.env[name];
    }
  }
  throw new Error(`unknown command ${JSON.stringify(msg.cmd)}`);
};

const lines = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  // One command at a time, answers in order.
  queue = queue.then(async () => {
    let answer;
    try {
      answer = await run(JSON.parse(line));
    } catch (error) {
      answer = { ok: false, error: { name: error.name || 'Error', message: String(error.message) } };
    }
    process.stdout.write(MARK + JSON.stringify(answer) + '\n');
  });
});
