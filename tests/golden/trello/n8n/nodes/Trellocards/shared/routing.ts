import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { Page, PageRequest } from './transport';
import { PAGING, apiError, readPages, recordsOf, withIsoTimes } from './transport';

type Encoding = 'json' | 'form';

function formPairs(name: string, value: unknown, pairs: Array<[string, string]>): void {
	if (value === undefined || value === null) return;
	if (Array.isArray(value)) {
		if (value.every((v) => v === null || typeof v !== 'object')) {
			for (const v of value) if (v !== null && v !== undefined) pairs.push([`${name}[]`, String(v)]);
		} else {
			value.forEach((v, index) => formPairs(`${name}[${index}]`, v, pairs));
		}
	} else if (typeof value === 'object') {
		for (const [key, inner] of Object.entries(value)) formPairs(`${name}[${key}]`, inner, pairs);
	} else {
		pairs.push([name, String(value)]);
	}
}

/** application/x-www-form-urlencoded text: every byte but letters, digits and `_.-~` escaped, spaces as `+`. */
function formText(text: string): string {
	return encodeURIComponent(text)
		.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
		.replace(/%20/g, '+');
}

/**
 * The body form-encoded in bracket notation (`a[b]=v`, `tags[]=v`, `items[0][sku]=v`; booleans as true/false, nulls
 * left out), with the form Content-Type in place of any other; a request without a body is left as it is.
 */
function encoded(
	options: DeclarativeRestApiSettings.HttpRequestOptions,
	encoding: Encoding,
): DeclarativeRestApiSettings.HttpRequestOptions {
	const body = options.body;
	if (encoding !== 'form' || !body || typeof body !== 'object' || Array.isArray(body)) return options;
	const pairs: Array<[string, string]> = [];
	for (const [key, value] of Object.entries(body as IDataObject)) formPairs(key, value, pairs);
	if (!pairs.length) return { ...options, body: undefined };
	const headers: IDataObject = {};
	for (const [key, value] of Object.entries(options.headers ?? {})) {
		if (key.toLowerCase() !== 'content-type') headers[key] = value;
	}
	headers['Content-Type'] = 'application/x-www-form-urlencoded';
	const text = pairs.map(([key, value]) => `${formText(key)}=${formText(value)}`).join('&');
	return { ...options, headers, json: false, body: text };
}

/** One request as routed (n8n refreshes an expired OAuth2 token and retries as usual); errors by the spec's rules. */
async function send(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	encoding: Encoding,
): Promise<INodeExecutionData[]> {
	try {
		return await this.makeRoutingRequest({ ...requestData, options: encoded(requestData.options, encoding) });
	} catch (error) {
		throw new NodeApiError(this.getNode(), apiError(this.getNode(), error));
	}
}

/** Wraps every request (n8n's routing calls an operation's pagination function in place of sending it). */
export function sendRequest(encoding: Encoding = 'json') {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		return await send.call(this, requestData, encoding);
	};
}

/** An answer with `status` means "no result"; any other error still raises. */
export function emptyOnStatus(status: number, encoding: Encoding = 'json') {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		try {
			return await send.call(this, requestData, encoding);
		} catch (error) {
			if (error instanceof NodeApiError && error.httpCode === String(status)) return [];
			throw new NodeApiError(this.getNode(), error as JsonObject); // hands back the error send() explained
		}
	};
}

// The page each routed request read (records before any filtering, body, headers), by the items it handed on.
const PAGES = new WeakMap<INodeExecutionData[], Page>();

/** The last postReceive step of a paged operation: notes the page its items came from for `pages`. */
export function notePage(itemsPath: string[], itemPath: string[]) {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const headers = { ...((response.headers ?? {}) as IDataObject) };
		PAGES.set(items, { records: recordsOf(response.body, itemsPath, itemPath), body: response.body, headers });
		return items;
	};
}

/** The routed request of one page: its paging parameters in the query or the body, or the next URL as it is. */
function pageOptions(
	requestData: DeclarativeRestApiSettings.ResultOptions,
	where: 'query' | 'body',
	request: PageRequest,
): DeclarativeRestApiSettings.ResultOptions {
	const options = { ...requestData.options };
	if (request.url !== undefined) {
		options.url = request.url; // the API's next URL carries the whole query
		options.qs = {};
		delete options.baseURL;
	} else if (where === 'body') {
		options.body = { ...((options.body ?? {}) as IDataObject), ...request.params };
	} else {
		options.qs = { ...(options.qs ?? {}), ...request.params };
	}
	return { ...requestData, options };
}

/**
 * Reads a list (Return All, or up to Limit) or a search (up to its most results) page by page, by the operation's
 * paging (a key of PAGING; null: one request). With a Limit, pages of at most that many records are asked for.
 */
export function pages(
	paging: string | null,
	size: number,
	label: string,
	maxResults: number | null,
	encoding: Encoding = 'json',
	searchPages = false,
) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const rule = paging === null ? null : PAGING[paging];
		const all = maxResults === null && (this.getNodeParameter('returnAll', false) as boolean);
		const wanted = maxResults ?? (all ? Infinity : Math.max(1, Number(this.getNodeParameter('limit', 50))));
		// a list asks no more than the Limit per page; a search asks its own page size (the Limit only stops reading)
		const pageSize = rule?.limitParam && maxResults === null && !searchPages ? Math.min(size, wanted) : size;
		const outs = await readPages(
			this.getNode(),
			label,
			rule,
			pageSize,
			async (request) => {
				const items = await send.call(this, pageOptions(requestData, rule?.in ?? 'query', request), encoding);
				return { page: PAGES.get(items) ?? { records: [], body: undefined, headers: {} }, out: items };
			},
			(outs) => outs.flat().length >= wanted,
		);
		return outs.flat().slice(0, wanted);
	};
}

/** A postReceive step: a top-level array answer handed on as one item per entry. */
export async function entries(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.flatMap((item) =>
		Array.isArray(item.json) ? (item.json as IDataObject[]).map((json) => ({ json })) : [item],
	);
}

/** A postReceive step: with Simplify on (its default), each record keeps only `keys`, at most ten, in that order. */
export function simplify(keys: string[]) {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
	): Promise<INodeExecutionData[]> {
		if (!(this.getNodeParameter('simplify', true) as boolean)) return items;
		return items.map((item) => {
			const json: IDataObject = {};
			for (const key of keys) if (key in item.json) json[key] = item.json[key];
			return { ...item, json };
		});
	};
}

/** A postReceive step: each epoch field's ISO 8601 companion beside it (the raw value stays for the API). */
export function isoTimes(stamps: Array<[string, string, string]>) {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
	): Promise<INodeExecutionData[]> {
		for (const item of items) {
			if (item.json && typeof item.json === 'object' && !Array.isArray(item.json)) withIsoTimes(item.json, stamps);
		}
		return items;
	};
}

function isEmpty(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (typeof value === 'object' && !Array.isArray(value)) return Object.values(value).every(isEmpty);
	return false;
}

function withoutEmpty(body: IDataObject): IDataObject {
	const kept: IDataObject = {};
	for (const [key, value] of Object.entries(body)) {
		if (isEmpty(value)) continue;
		const plain = typeof value === 'object' && value !== null && !Array.isArray(value);
		if (Array.isArray(value)) {
			// line items: each entry without its empty fields
			kept[key] = value.map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? withoutEmpty(v as IDataObject) : v));
		} else {
			kept[key] = plain ? withoutEmpty(value as IDataObject) : value;
		}
	}
	return kept;
}

/** A preSend step: fields the user added but left empty (and objects with nothing in them) are not sent. */
export async function omitEmpty(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (requestOptions.body && typeof requestOptions.body === 'object' && !Array.isArray(requestOptions.body)) {
		requestOptions.body = withoutEmpty(requestOptions.body as IDataObject);
	}
	return requestOptions;
}

/** Each value at `path` (a query key, or body keys, through arrays of line items), replaced by `change`. */
function visit(
	requestOptions: IHttpRequestOptions,
	location: 'body' | 'query',
	path: string | string[],
	change: (value: unknown) => unknown,
): void {
	if (location === 'query') {
		const qs = (requestOptions.qs ?? {}) as IDataObject;
		if (qs[path as string] !== undefined) qs[path as string] = change(qs[path as string]) as IDataObject[string];
		return;
	}
	const keys = typeof path === 'string' ? path.split('.') : path;
	const walk = (holder: unknown, rest: string[]): void => {
		if (Array.isArray(holder)) return holder.forEach((entry) => walk(entry, rest));
		if (holder === null || typeof holder !== 'object') return;
		const object = holder as IDataObject;
		const [head, ...tail] = rest;
		if (!(head in object)) return;
		if (tail.length) return walk(object[head], tail);
		const value = object[head];
		object[head] = (Array.isArray(value) ? value.map(change) : change(value)) as IDataObject[string];
	};
	walk(requestOptions.body, keys);
}

function blank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * A preSend step: a number outside its field's range is refused before the request is sent, like every other
 * client of the API does (the editor's minValue/maxValue do not hold for a value set by an expression).
 */
export function inRange(
	location: 'body' | 'query',
	property: string | string[],
	min: number | null,
	max: number | null,
	whole: boolean,
	message: string,
) {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		visit(requestOptions, location, property, (value) => {
			if (blank(value)) return value;
			const number = typeof value === 'number' ? value : Number(value);
			const outside = (min !== null && number < min) || (max !== null && number > max);
			if (Number.isNaN(number) || (whole && !Number.isInteger(number)) || outside) {
				throw new NodeOperationError(this.getNode(), message);
			}
			return value;
		});
		return requestOptions;
	};
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})?$/;

function utcDay(year: string, month: string, day: string): number | undefined {
	const ms = Date.UTC(Number(year), Number(month) - 1, Number(day));
	const back = new Date(ms);
	const same = back.getUTCFullYear() === Number(year) && back.getUTCMonth() === Number(month) - 1;
	return same && back.getUTCDate() === Number(day) ? ms : undefined;
}

/**
 * The moment (epoch ms) a user's date-time stands for: ISO 8601 (no offset is UTC: n8n's picker gives none), a date
 * (its midnight UTC), or for epoch formats a whole number in the field's own unit; undefined for anything else.
 */
function moment(value: unknown, format: string): number | undefined {
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		value = (value as { toISO: () => string }).toISO(); // a Luxon DateTime from an expression
	} else if (value instanceof Date) {
		value = value.toISOString();
	}
	const epoch = format === 'epoch_ms' || format === 'epoch_s';
	if (epoch && (typeof value === 'number' || (typeof value === 'string' && /^-?\d+$/.test(value)))) {
		const number = Number(value);
		if (!Number.isInteger(number) || number < 0) return undefined;
		return format === 'epoch_s' ? number * 1000 : number;
	}
	if (typeof value !== 'string') return undefined;
	const day = DATE.exec(value);
	if (day) return utcDay(day[1], day[2], day[3]);
	const parts = DATE_TIME.exec(value);
	if (!parts) return undefined;
	const [, year, month, date, hours, minutes, seconds = '0', fraction = '', zone = 'Z'] = parts;
	const midnight = utcDay(year, month, date);
	if (midnight === undefined || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return undefined;
	const ms = Number((fraction + '000').slice(0, 3));
	let offset = 0;
	if (zone !== 'Z' && zone !== 'z') {
		const digits = zone.replace(':', '');
		offset = (digits.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
	}
	return midnight + ((Number(hours) * 60 + Number(minutes) - offset) * 60 + Number(seconds)) * 1000 + ms;
}

/**
 * The calendar day a user picked, as YYYY-MM-DD: the date part of the picker's text (n8n's picker gives the day's
 * midnight in the workflow's time zone, without an offset), never shifted through UTC (that would move a day east
 * of UTC to the day before); a Luxon DateTime from an expression gives its own day; undefined for anything else.
 */
function calendarDay(value: unknown): string | undefined {
	if (value && typeof value === 'object' && typeof (value as { toISODate?: unknown }).toISODate === 'function') {
		value = (value as { toISODate: () => string }).toISODate();
	} else if (value instanceof Date) {
		value = value.toISOString();
	}
	if (typeof value !== 'string') return undefined;
	const parts = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ].*)?$/.exec(value.trim());
	if (!parts || utcDay(parts[1], parts[2], parts[3]) === undefined) return undefined;
	return `${parts[1]}-${parts[2]}-${parts[3]}`;
}

/**
 * A preSend step: a date-time sent in the API's format (epoch milliseconds or seconds, floored, ISO 8601 as
 * `toISOString()` writes it, or a date's YYYY-MM-DD); anything that is no date-time is refused before sending.
 */
export function asDateTime(location: 'body' | 'query', property: string | string[], format: string, message: string) {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		visit(requestOptions, location, property, (value) => {
			if (blank(value)) return value;
			if (format === 'date') {
				const day = calendarDay(value);
				if (day === undefined) throw new NodeOperationError(this.getNode(), message);
				return day;
			}
			const ms = moment(value, format);
			if (ms === undefined || Number.isNaN(ms)) throw new NodeOperationError(this.getNode(), message);
			if (format === 'epoch_ms') return Math.floor(ms);
			if (format === 'epoch_s') return Math.floor(ms / 1000);
			return new Date(ms).toISOString();
		});
		if (location === 'query') {
			const qs = (requestOptions.qs ?? {}) as IDataObject;
			if (blank(qs[property as string])) delete qs[property as string]; // an empty date-time asks for nothing
		}
		return requestOptions;
	};
}
