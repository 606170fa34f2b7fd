import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * Wraps the request (n8n's routing calls an operation's pagination function in place of sending it): an answer with
 * `status` means "no result"; any other error still raises. The request itself fails as usual, so n8n still refreshes
 * an expired OAuth2 token and retries (which ignoring HTTP status errors would prevent).
 */
export function emptyOnStatus(status: number) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		try {
			return await this.makeRoutingRequest(requestData);
		} catch (error) {
			if (error instanceof NodeApiError && error.httpCode === String(status)) return [];
			throw new NodeApiError(this.getNode(), error as JsonObject); // n8n hands back an error it already wrapped
		}
	};
}

/** Offset paging for Return All: the first page without an offset, then until a page comes back short. */
export function offsetPages(limitParameter: string, offsetParameter: string, pageSize: number) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const results: INodeExecutionData[] = [];
		for (let page = 0; ; page++) {
			const qs: IDataObject = { ...(requestData.options.qs ?? {}), [limitParameter]: pageSize };
			if (page > 0) qs[offsetParameter] = page * pageSize;
			const items = await this.makeRoutingRequest({ ...requestData, options: { ...requestData.options, qs } });
			results.push(...items);
			if (items.length < pageSize) return results;
		}
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
		kept[key] = plain ? withoutEmpty(value as IDataObject) : value;
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

/**
 * A preSend step: a number outside its field's range is refused before the request is sent, like every other
 * client of the API does (the editor's minValue/maxValue do not hold for a value set by an expression).
 */
export function inRange(
	location: 'body' | 'query',
	property: string,
	min: number | null,
	max: number | null,
	whole: boolean,
	message: string,
) {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		let value: unknown = location === 'query' ? (requestOptions.qs ?? {})[property] : requestOptions.body;
		if (location === 'body') {
			for (const part of property.split('.')) {
				value = typeof value === 'object' && value !== null ? (value as IDataObject)[part] : undefined;
			}
		}
		if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
			return requestOptions;
		}
		const number = typeof value === 'number' ? value : Number(value);
		const outside = (min !== null && number < min) || (max !== null && number > max);
		if (Number.isNaN(number) || (whole && !Number.isInteger(number)) || outside) {
			throw new NodeOperationError(this.getNode(), message);
		}
		return requestOptions;
	};
}
