'use strict';
// Runs a generated n8n community package with n8n's own engine (n8n-core), offline.
// Protocol: one JSON command per stdin line, one JSON answer per line on file descriptor 3 (n8n's logger owns
// stdout). {"cmd": "load", "packageDir"} loads a compiled package with PackageDirectoryLoader; then
// {"cmd": "run", "credentials", "redirects": [[real prefix, served at], ...], "case": {kind, node, parameters, ...}}:
//   kind "action"          WorkflowExecute (declarative node -> RoutingNode); `typeVersion` the saved node's (default 1)
//   kind "poll"            TriggersAndPollers.runPollFunction + PollContext, static data carried in and out
//   kind "listSearch"      a node's methods.listSearch[method] with a LoadOptionsContext
//   kind "credentialTest"  RoutingNode on the credential's `test` request (as n8n's credentials tester does)
//   kind "httpRequest"     one request with the credential, as the HTTP Request node's predefined credential type
//   kind "load"            what PackageDirectoryLoader found
// Every answer carries `sent` (each request's production URL, before the redirect) and, when n8n-core refreshed an
// OAuth2 token (updateCredentialsOauthTokenData), the new `oauthTokenData` for the caller to keep, as n8n stores it.
require('reflect-metadata');
const fs = require('fs');
const { Container } = require('@n8n/di');
const core = require('n8n-core');
const wf = require('n8n-workflow');

const readline = require('readline');

const OUT_FD = Number(process.env.HARNESS_FD || 3);
let loader = null;
let spec = {}; // the current run command: credentials and the URL redirects
let refreshed = null; // token data n8n-core stored during the current run
const sent = [];

function nodeTypeOf(name) {
	return loader.getNode(name.split('.').pop()).type;
}
const nodeTypes = {
	getByName: (t) => nodeTypeOf(t),
	getByNameAndVersion: (t, v) => wf.NodeHelpers.getVersionedNodeType(nodeTypeOf(t), v),
	getKnownTypes: () => loader.known.nodes,
};

function redirect(url) {
	if (typeof url !== 'string') return url;
	for (const [real, served] of spec.redirects || []) {
		if (url.startsWith(real)) return served + url.slice(real.length);
	}
	return url;
}

// Every request n8n-core sends (node requests through @n8n/backend-network, OAuth2 token requests through
// @n8n/client-oauth2) goes through this one axios copy: the production URL is noted, then pointed at the mock.
require(require.resolve('axios', { paths: [require.resolve('@n8n/backend-network')] })).interceptors.request.use((config) => {
	sent.push({ method: String(config.method || 'get').toUpperCase(), baseURL: config.baseURL ?? null, url: config.url });
	if (config.baseURL) config.baseURL = redirect(config.baseURL);
	else config.url = redirect(config.url);
	return config;
});

function credentialType(name) {
	return loader.getCredential(name).type;
}

// What n8n's CredentialsHelper.getDecrypted hands a node: the stored values, each property's default where none is
// stored (the hidden OAuth2 settings), expressions resolved with `$self` = the credential's own values.
function decrypted(typeName) {
	const data = { ...spec.credentials };
	for (const prop of credentialType(typeName).properties) {
		if (!(prop.name in data) && prop.default !== undefined) data[prop.name] = prop.default;
	}
	if (!Object.values(data).some((v) => typeof v === 'string' && v.startsWith('='))) return data;
	const node = { id: 'cred', name: 'cred', type: 'cred', typeVersion: 1, position: [0, 0], parameters: {} };
	const bare = { description: { name: 'cred', displayName: 'cred', version: 1, properties: [], defaults: {}, inputs: [], outputs: [] } };
	const types = { getByName: () => bare, getByNameAndVersion: () => bare, getKnownTypes: () => ({}) };
	const workflow = new wf.Workflow({ nodes: [node], connections: {}, nodeTypes: types, active: false });
	return workflow.expression.getComplexParameterValue(node, data, 'internal', {}, undefined, undefined, data);
}

// Generic authentication applied like the n8n CLI's CredentialsHelper; then the production URL is pointed at the mock.
class TestCredentialsHelper extends wf.ICredentialsHelper {
	getParentTypes(name) {
		return (loader.known.credentials[name] && credentialType(name).extends) || [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	async authenticate(credentials, typeName, request, workflow, node) {
		const auth = credentialType(typeName).authenticate;
		if (auth && auth.type === 'generic') {
			const resolve = (v) =>
				workflow.expression.getSimpleParameterValue(node, v, 'internal', { $credentials: credentials }, undefined, '');
			for (const [outer, kv] of Object.entries(auth.properties)) {
				request[outer] = request[outer] || {};
				for (const [k, v] of Object.entries(kv)) request[outer][resolve(k)] = resolve(v);
			}
		}
		return request;
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getCredentials() {
		throw new Error('not used');
	}
	async getDecrypted(additionalData, nodeCredentials, typeName) {
		return decrypted(typeName);
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData(nodeCredentials, typeName, data) {
		// n8n stores the refreshed token data with the credential; later runs of this connection read it back
		spec.credentials = { ...spec.credentials, oauthTokenData: data.oauthTokenData };
		refreshed = data.oauthTokenData;
	}
	getCredentialsProperties(type) {
		return loader.getCredential(type).type.properties;
	}
}
const credentialsHelper = new TestCredentialsHelper();

function additionalData(hooks) {
	return {
		credentialsHelper,
		hooks,
		executeWorkflow: async () => ({ data: [], executionId: '' }),
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'harness',
		variables: {},
		setExecutionStatus: () => {},
		logAiEvent: () => {},
	};
}

function makeNode(c) {
	const type = nodeTypeOf(c.node);
	const credName = (type.description.credentials || [])[0]?.name;
	return {
		id: 'node-1',
		name: type.description.defaults.name || 'Node',
		type: `${loader.packageName}.${c.node}`,
		// the version the workflow was saved with (n8n keeps it; light versioning shows that version's parameters)
		typeVersion: c.typeVersion ?? 1,
		position: [0, 0],
		parameters: c.parameters || {},
		credentials: credName ? { [credName]: { id: '1', name: 'test credential' } } : undefined,
	};
}

function makeWorkflow(node, staticData) {
	return new wf.Workflow({
		id: 'wf-1',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
		staticData: staticData ? { [`node:${node.name}`]: staticData } : {},
	});
}

// The answer body behind an error: NodeApiError keeps a JSON body in context.data and the axios error (or the OAuth2
// token endpoint's ResponseError) as its cause; n8n shows the body in the error's details.
function responseBody(error) {
	for (let e = error, depth = 0; e && depth < 5; e = e.cause, depth++) {
		const found = e.response?.data ?? e.context?.data ?? e.body;
		if (found !== undefined && found !== null && found !== '') return found;
	}
	return null;
}

function describeError(error) {
	if (!error) return null;
	return {
		name: error.name || error.constructor?.name,
		message: error.message,
		description: error.description ?? null,
		httpCode: error.httpCode ?? null,
		body: responseBody(error),
	};
}

async function runAction(c) {
	const node = makeNode(c);
	const workflow = makeWorkflow(node);
	const hooks = new core.ExecutionLifecycleHooks('manual', 'exec-1', { id: 'wf-1', nodes: [node], connections: {} });
	const done = new Promise((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
	const runData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			// the items the node receives: a workflow's previous node's output (`input`), else one empty item
			nodeExecutionStack: [{ node, data: { main: [(c.input || [{}]).map((json) => ({ json }))] }, source: null }],
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	};
	const execute = new core.WorkflowExecute(additionalData(hooks), 'manual', runData);
	try {
		await execute.processRunExecutionData(workflow);
	} catch (error) {
		return { ok: false, items: [], error: describeError(error) };
	}
	const run = await done;
	const result = run.data.resultData;
	if (result.error) return { ok: false, items: [], error: describeError(result.error) };
	const task = (result.runData[node.name] || [])[0];
	const items = ((task && task.data && task.data.main && task.data.main[0]) || []).map((i) => i.json);
	return { ok: true, items, error: null };
}

async function runPoll(c) {
	const node = makeNode(c);
	const staticData = c.staticData ? JSON.parse(JSON.stringify(c.staticData)) : {};
	const workflow = makeWorkflow(node, staticData);
	const mode = c.mode || 'trigger';
	const ctx = new core.PollContext(workflow, node, additionalData(), mode, mode === 'manual' ? 'manual' : 'activate');
	try {
		const result = await Container.get(core.TriggersAndPollers).runPollFunction(workflow, node, ctx);
		const items = result ? result[0].map((i) => i.json) : [];
		return { ok: true, items, error: null, staticData: workflow.staticData[`node:${node.name}`] || {} };
	} catch (error) {
		return { ok: false, items: [], error: describeError(error), staticData: workflow.staticData[`node:${node.name}`] || {} };
	}
}

async function runListSearch(c) {
	const node = makeNode(c);
	const workflow = makeWorkflow(node);
	const ctx = new core.LoadOptionsContext(workflow, node, additionalData(), '', undefined);
	try {
		const result = await nodeTypeOf(c.node).methods.listSearch[c.method].call(ctx, c.filter, c.paginationToken);
		return { ok: true, items: result.results, paginationToken: result.paginationToken ?? null, error: null };
	} catch (error) {
		return { ok: false, items: [], error: describeError(error) };
	}
}

async function runCredentialTest(c) {
	// Mirrors n8n's credentials tester: a throw-away declarative node whose one property routes the test request.
	const credential = loader.getCredential(c.credential).type;
	const testType = {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['input'],
			version: 1,
			description: '',
			defaults: { name: 'Credential Test' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: c.credential, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: credential.test.request } },
			],
		},
	};
	const node = {
		id: 'test-node',
		name: 'Credential Test',
		type: 'credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: { temp: '' },
		credentials: { [c.credential]: { id: '1', name: 'test credential' } },
	};
	const types = { getByName: () => testType, getByNameAndVersion: () => testType, getKnownTypes: () => ({}) };
	const workflow = new wf.Workflow({ id: 'wf-test', nodes: [node], connections: {}, nodeTypes: types, active: false, staticData: {} });
	const runExecutionData = wf.createRunExecutionData
		? wf.createRunExecutionData({ resultData: { runData: {} } })
		: { resultData: { runData: {} } };
	const executeData = { node, data: { main: [[{ json: {} }]] }, source: null };
	const ctx = new core.ExecuteContext(workflow, node, additionalData(), 'internal', runExecutionData, 0, [{ json: {} }], { main: [[{ json: {} }]] }, executeData, []);
	const data = decrypted(c.credential);
	const routing = new core.RoutingNode(ctx, testType, { id: '1', name: 'test credential', type: c.credential, data });
	try {
		const result = await routing.runNode();
		return { ok: true, items: ((result && result[0]) || []).map((i) => i.json), error: null };
	} catch (error) {
		return { ok: false, items: [], error: describeError(error) };
	}
}

// What n8n's HTTP Request node does with Authentication "Predefined Credential Type" (n8n-nodes-base HttpRequestV3):
// its request goes through helpers.httpRequestWithAuthentication with the chosen credential type, which applies the
// credential's generic `authenticate`. n8n-nodes-base is not in the toolchain, so this node makes that one call.
async function runHttpRequest(c) {
	const type = {
		description: {
			displayName: 'HTTP Request',
			name: 'httpRequest',
			group: ['output'],
			version: 1,
			description: '',
			defaults: { name: 'HTTP Request' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: c.credential, required: true }],
			properties: [],
		},
	};
	const node = {
		id: 'http-node',
		name: 'HTTP Request',
		type: 'httpRequest',
		typeVersion: 1,
		position: [0, 0],
		parameters: { authentication: 'predefinedCredentialType', nodeCredentialType: c.credential },
		credentials: { [c.credential]: { id: '1', name: 'test credential' } },
	};
	const types = { getByName: () => type, getByNameAndVersion: () => type, getKnownTypes: () => ({}) };
	const workflow = new wf.Workflow({ id: 'wf-http', nodes: [node], connections: {}, nodeTypes: types, active: false, staticData: {} });
	const runExecutionData = wf.createRunExecutionData
		? wf.createRunExecutionData({ resultData: { runData: {} } })
		: { resultData: { runData: {} } };
	const executeData = { node, data: { main: [[{ json: {} }]] }, source: null };
	const ctx = new core.ExecuteContext(workflow, node, additionalData(), 'internal', runExecutionData, 0, [{ json: {} }], { main: [[{ json: {} }]] }, executeData, []);
	try {
		const body = await ctx.helpers.httpRequestWithAuthentication.call(ctx, c.credential, { method: c.method, url: c.url, json: true });
		return { ok: true, items: [body], error: null };
	} catch (error) {
		return { ok: false, items: [], error: describeError(error) };
	}
}

const RUNNERS = {
	action: runAction,
	poll: runPoll,
	listSearch: runListSearch,
	credentialTest: runCredentialTest,
	httpRequest: runHttpRequest,
};

async function handle(message) {
	if (message.cmd === 'load') {
		loader = new core.PackageDirectoryLoader(message.packageDir);
		await loader.loadAll();
		return {
			ok: true,
			packageName: loader.packageName,
			nodes: Object.keys(loader.known.nodes).sort(),
			credentials: Object.keys(loader.known.credentials).sort(),
		};
	}
	if (message.cmd === 'run') {
		spec = message;
		sent.length = 0;
		refreshed = null;
		const result = await RUNNERS[message.case.kind](message.case);
		return { ...result, sent: sent.slice(), oauthTokenData: refreshed };
	}
	throw new Error(`unknown command ${message.cmd}`);
}

async function main() {
	const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
	for await (const line of lines) {
		if (!line.trim()) continue;
		let answer;
		try {
			answer = await handle(JSON.parse(line));
		} catch (error) {
			answer = { ok: false, fatal: describeError(error), stack: String(error && error.stack) };
		}
		fs.writeSync(OUT_FD, JSON.stringify(answer) + '\n');
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(String(error && error.stack) + '\n');
		process.exit(1);
	},
);
