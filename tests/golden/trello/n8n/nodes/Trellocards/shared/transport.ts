import type {
	IDataObject,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

const BASE_URL = 'https://api.trello.com/1';
const CREDENTIAL = 'trellocardsApi';
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
		current = (current as IDataObject)[key];
	}
	return current;
}

/** One authenticated request; the records at `itemsPath` of the response. API errors raise NodeApiError. */
export async function requestRecords(
	this: ILoadOptionsFunctions | IPollFunctions,
	method: IHttpRequestMethods,
	url: string,
	qs: IDataObject,
	itemsPath: string[],
): Promise<IDataObject[]> {
	let response: unknown;
	try {
		response = await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL, {
			method,
			baseURL: BASE_URL,
			url,
			qs,
			headers: HEADERS,
			json: true,
		});
	} catch (error) {
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	return (dig(response, itemsPath) ?? []) as IDataObject[];
}
