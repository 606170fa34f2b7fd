import type {
	IDataObject,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

const CREDENTIAL = 'shopifycustomersApi';
// The spec's fixed headers, which the node's requestDefaults send on every other request.
const HEADERS = {
	Accept: 'application/json',
	'Content-Type': 'application/json',
};

/** What this connection's settings make of the base URL, the headers and the path placeholders naming them. */
async function connection(
	this: ILoadOptionsFunctions | IPollFunctions,
): Promise<{ baseURL: string; headers: IDataObject; settings: IDataObject }> {
	const credentials = await this.getCredentials(CREDENTIAL);
	return {
		baseURL: `https://${credentials.shop}.myshopify.com/admin/api/${credentials.apiVersion}`,
		headers: HEADERS,
		settings: {},
	};
}

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
		['errors'],
		['errors', 'base', '*'],
		['errors', 'email', '*'],
		['errors', 'phone', '*'],
		['errors', 'customer', '*'],
		['errors', 'customer'],
		['errors', 'page_info', '0'],
	],
	rateLimited: [],
	rateLimitMessage: 'Too many requests; Shopify\'s rate limit was reached.',
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

/** One authenticated request; the records at `itemsPath` of the response. API errors raise NodeApiError. */
export async function requestRecords(
	this: ILoadOptionsFunctions | IPollFunctions,
	method: IHttpRequestMethods,
	url: string,
	qs: IDataObject,
	itemsPath: string[],
	itemPath: string[] = [],
): Promise<IDataObject[]> {
	const { baseURL, headers, settings } = await connection.call(this);
	const path = url.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => encodeURIComponent(String(settings[name])));
	let response: unknown;
	try {
		response = await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL, {
			method,
			baseURL,
			url: path,
			qs,
			headers,
			json: true,
		});
	} catch (error) {
		throw new NodeApiError(this.getNode(), apiError(this.getNode(), error));
	}
	const found = dig(response, itemsPath);
	const records = Array.isArray(found) ? found : [];
	return (itemPath.length ? records.map((item) => dig(item, itemPath)) : records).filter(
		(record) => record !== null && typeof record === 'object',
	) as IDataObject[];
}
