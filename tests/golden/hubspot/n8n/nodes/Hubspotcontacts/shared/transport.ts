import type {
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

const BASE_URL = 'https://api.hubapi.com';
const CREDENTIAL = 'hubspotcontactsOAuth2Api';
// The spec's fixed headers, which the node's requestDefaults send on every other request.
const HEADERS = {
	Accept: 'application/json',
	'Content-Type': 'application/json',
};

/** The value at `path` (a list of keys) inside `value`, or undefined where the path breaks off. */
export function dig(value: unknown, path: string[]): unknown {
	let current = value;
	for (const key of path) {
		if (current === null || typeof current !== 'object') return undefined;
		if (Array.isArray(current) && /^-?\d+$/.test(key)) {
			const index = Number(key);
			current = current[index < 0 ? current.length + index : index];
		} else {
			current = (current as IDataObject)[key];
		}
	}
	return current;
}

/** A field of a record: the key itself first, else a dotted path into an object (`customer.name`). */
export function pick(record: IDataObject, name: string): unknown {
	return name in record ? record[name] : dig(record, name.split('.'));
}

// How this API's error answers say what went wrong: the first path that yields text (`*` joins every element's),
// and the answers besides 429 that mean "rate limited".
const ERRORS: {
	paths: string[][];
	rateLimited: Array<{ status: number; header: string | null; equals: string | null }>;
	rateLimitMessage: string;
} = {
	paths: [
		['errors', '*', 'message'],
		['message'],
	],
	rateLimited: [],
	rateLimitMessage: 'HubSpot\'s rate limit was reached.',
};
const MAX_ERROR_TEXT = 500;

function texts(value: unknown, path: string[]): string[] {
	if (path.length === 0) {
		if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
		return typeof value === 'number' ? [String(value)] : [];
	}
	const [head, ...rest] = path;
	if (head === '*') return Array.isArray(value) ? value.flatMap((element) => texts(element, rest)) : [];
	const inner = dig(value, [head]);
	return inner === undefined || inner === null ? [] : texts(inner, rest);
}

/** The API's own message in an error answer (JSON at the spec's paths, or short plain text), if it has one. */
export function errorMessage(body: unknown): string | undefined {
	let data = body;
	if (typeof body === 'string') {
		try {
			data = JSON.parse(body);
		} catch {
			const text = body.trim();
			return text && !text.startsWith('<') ? text.slice(0, MAX_ERROR_TEXT) : undefined;
		}
	}
	for (const path of ERRORS.paths) {
		const found = texts(data, path);
		if (found.length) return [...new Set(found)].join('; ');
	}
	return undefined;
}

/** Seconds to wait from a Retry-After header: delay-seconds or an HTTP date (RFC 9110); undefined if neither. */
export function retryAfter(value: unknown): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+$/.test(text)) return Number(text);
	const when = Date.parse(text);
	return Number.isNaN(when) ? undefined : Math.max(0, Math.ceil((when - Date.now()) / 1000));
}

function header(headers: IDataObject, name: string): string | undefined {
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
	return key === undefined ? undefined : String(headers[key]);
}

/** Whether an answer means "rate limited": a 429, or a status and header the spec's rules name. */
export function rateLimited(status: number, headers: IDataObject): boolean {
	if (status === 429) return true;
	return ERRORS.rateLimited.some((rule) => {
		if (rule.status !== status) return false;
		if (rule.header === null) return true;
		const value = header(headers, rule.header);
		return value !== undefined && (rule.equals === null || value.trim() === rule.equals);
	});
}

interface Failure {
	status: number;
	headers: IDataObject;
	data: unknown;
}

function failureOf(error: unknown): Failure | undefined {
	let current = error as { cause?: unknown; response?: { status?: number; headers?: IDataObject; data?: unknown } };
	for (let depth = 0; current && depth < 5; depth++) {
		const response = current.response;
		if (response && typeof response.status === 'number') {
			return { status: response.status, headers: { ...(response.headers ?? {}) }, data: response.data };
		}
		current = current.cause as typeof current;
	}
	return undefined;
}

/**
 * The error n8n shows for a failed request: the API's message by the spec's paths, rate limits with their wait.
 * A NodeApiError, typed as what `new NodeApiError(node, ...)` takes (which hands back an error it already wrapped).
 */
export function apiError(node: INode, error: unknown): JsonObject {
	const wrapped = error instanceof NodeApiError ? error : new NodeApiError(node, error as JsonObject);
	const failure = failureOf(error);
	if (!failure) return wrapped as unknown as JsonObject;
	const said = errorMessage(failure.data);
	if (said) wrapped.description = said;
	if (rateLimited(failure.status, failure.headers)) {
		const wait = retryAfter(header(failure.headers, 'retry-after'));
		const base = ERRORS.rateLimitMessage.replace(/\.$/, '');
		wrapped.message = wait === undefined ? `${base} (rate limited)` : `${base} (rate limited; retry after ${wait} seconds)`;
	}
	return wrapped as unknown as JsonObject;
}

/** Each top-level epoch field's ISO 8601 companion beside it (`createdAtIso`), as `new Date(ms).toISOString()`. */
export function withIsoTimes(record: IDataObject, stamps: Array<[string, string, string]>): IDataObject {
	for (const [name, key, unit] of stamps) {
		const value = record[name];
		if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) continue;
		const moment = new Date(unit === 'epoch_s' ? value * 1000 : value);
		if (!Number.isNaN(moment.getTime())) record[key] = moment.toISOString();
	}
	return record;
}

/** How a collection pages (the spec's `pagination`): the style, where its parameters go, its page cap. */
export interface Paging {
	style: 'offset' | 'page' | 'cursor' | 'after_id' | 'link' | 'none';
	in: 'query' | 'body';
	limitParam: string | null;
	pageParam: string | null; // offset: the offset; page: the number; cursor: the token; after_id: the last id
	firstPage: number;
	tokenPath: string[]; // cursor: the token's place in the body; after_id: the has_more flag's (or none)
	linkRel: string;
	maxPages: number;
	idField: string | null;
}

/** Every pagination of the spec, by its place in the spec (a resource's, or an operation's own). */
export const PAGING: Record<string, Paging> = {
	'operations/search_contacts/pagination': {
		style: 'cursor',
		in: 'body',
		limitParam: 'limit',
		pageParam: 'after',
		firstPage: 1,
		tokenPath: ['paging', 'next', 'after'],
		linkRel: 'next',
		maxPages: 100,
		idField: 'id',
	},
	'resources/contact/pagination': {
		style: 'cursor',
		in: 'query',
		limitParam: 'limit',
		pageParam: 'after',
		firstPage: 1,
		tokenPath: ['paging', 'next', 'after'],
		linkRel: 'next',
		maxPages: 100,
		idField: 'id',
	},
};

/** One page as read: its records (before any filtering), the body and the headers it came with. */
export interface Page {
	records: IDataObject[];
	body: unknown;
	headers: IDataObject;
}

/** A page's request: paging parameters set on top of the first request's, or (style link) a URL sent as it is. */
export interface PageRequest {
	params: IDataObject;
	url?: string;
}

/** The paging parameters of the first request for pages of `size` records. */
export function firstParams(paging: Paging, size: number): IDataObject {
	const params: IDataObject = {};
	if (paging.limitParam) params[paging.limitParam] = size;
	if (paging.style === 'page' && paging.pageParam) params[paging.pageParam] = paging.firstPage;
	return params;
}

/** The URL of the `Link` header entry whose rel (a space-separated list) holds `rel` (RFC 8288), if any. */
export function linkTarget(value: unknown, rel: string): string | undefined {
	const text = Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : '';
	for (const entry of text.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
		for (const found of entry[2].matchAll(/;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/gi)) {
			if ((found[1] ?? found[2] ?? '').toLowerCase().split(/\s+/).includes(rel)) return entry[1].trim();
		}
	}
	return undefined;
}

/** The request after page `number` (0-based) of `size` records, or undefined when it was the last page. */
export function nextPage(paging: Paging, number: number, size: number, page: Page): PageRequest | undefined {
	const { records } = page;
	if (paging.style === 'none' || !records.length) return undefined;
	const short = records.length < size;
	const param = paging.pageParam ?? '';
	switch (paging.style) {
		case 'offset':
			return short ? undefined : { params: { [param]: (number + 1) * size } };
		case 'page':
			return short ? undefined : { params: { [param]: paging.firstPage + number + 1 } };
		case 'cursor': {
			const token = dig(page.body, paging.tokenPath);
			if (token === undefined || token === null || token === '' || typeof token === 'object') return undefined;
			return typeof token === 'boolean' ? undefined : { params: { [param]: token as string | number } };
		}
		case 'after_id': {
			const more = paging.tokenPath.length ? dig(page.body, paging.tokenPath) : !short;
			const last = paging.idField ? records[records.length - 1][paging.idField] : undefined;
			return more === true && last !== undefined && last !== null ? { params: { [param]: last } } : undefined;
		}
		default: {
			const url = linkTarget(header(page.headers, 'link'), paging.linkRel);
			return url ? { params: {}, url } : undefined;
		}
	}
}

/** The request after `request`: its paging parameters replaced by the next page's, or the next URL as it is. */
export function following(request: PageRequest, next: PageRequest): PageRequest {
	return next.url !== undefined ? next : { params: { ...request.params, ...next.params } };
}

/**
 * Reads page after page by the style's rule until the last page, or until `enough` says the pages read so far
 * (each as `fetch` handed it back) are all the caller needs. More pages than the cap stop with an error: a list
 * is never handed on silently cut.
 */
export async function readPages<T>(
	node: INode,
	label: string,
	paging: Paging | null,
	size: number,
	fetch: (request: PageRequest) => Promise<{ page: Page; out: T }>,
	enough: (outs: T[], page: Page) => boolean = () => false,
): Promise<T[]> {
	const outs: T[] = [];
	let request: PageRequest = { params: paging ? firstParams(paging, size) : {} };
	for (let number = 0; ; number++) {
		const { page, out } = await fetch(request);
		outs.push(out);
		if (!paging || enough(outs, page)) return outs;
		const next = nextPage(paging, number, size, page);
		if (!next) return outs;
		if (number + 1 >= paging.maxPages) {
			throw new NodeOperationError(node, `${label}: more than ${paging.maxPages} pages; stopping`);
		}
		request = following(request, next);
	}
}

/** The records at `itemsPath` of an answer body, each unwrapped at `itemPath`; anything but objects left out. */
export function recordsOf(body: unknown, itemsPath: string[], itemPath: string[]): IDataObject[] {
	const found = dig(body, itemsPath);
	const records = Array.isArray(found) ? found : [];
	return (itemPath.length ? records.map((item) => dig(item, itemPath)) : records).filter(
		(record) => record !== null && typeof record === 'object' && !Array.isArray(record),
	) as IDataObject[];
}

/** What code requests (trigger, dropdowns) send besides the API's own parameters. */
export interface CodeRequest {
	method: IHttpRequestMethods;
	url: string;
	qs: IDataObject;
	body?: IDataObject;
	itemsPath: string[];
	itemPath: string[];
	pathValues?: IDataObject; // a scoped trigger's path inputs
}

/** One authenticated request (a whole URL for a Link page); its page. API errors raise NodeApiError. */
export async function requestPage(
	this: ILoadOptionsFunctions | IPollFunctions,
	request: CodeRequest,
	paging: Paging | null,
	pageRequest: PageRequest,
): Promise<Page> {
	const baseURL = BASE_URL;
	const headers = HEADERS;
	const settings: IDataObject = {};
	const values: IDataObject = { ...settings, ...(request.pathValues ?? {}) };
	const path = request.url.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => encodeURIComponent(String(values[name])));
	const options: IHttpRequestOptions = { method: request.method, baseURL, url: path, headers, json: true };
	if (pageRequest.url !== undefined) {
		options.url = pageRequest.url; // the API's next URL carries the whole query
		delete options.baseURL;
	} else if (paging?.in === 'body') {
		options.qs = request.qs;
		options.body = { ...(request.body ?? {}), ...pageRequest.params };
	} else {
		options.qs = { ...request.qs, ...pageRequest.params };
		if (request.body) options.body = request.body;
	}
	options.returnFullResponse = true;
	let response: { body?: unknown; headers?: IDataObject };
	try {
		response = await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL, options);
	} catch (error) {
		throw new NodeApiError(this.getNode(), apiError(this.getNode(), error));
	}
	const body = response?.body;
	return { records: recordsOf(body, request.itemsPath, request.itemPath), body, headers: { ...(response?.headers ?? {}) } };
}
