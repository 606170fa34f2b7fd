import type {
	IDataObject,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

const CREDENTIAL = 'mailchimpmembersApi';
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
		baseURL: `https://${(String(credentials.apiKey || '').match(new RegExp("-([a-z]+[0-9]+)$")) || [])[1]}.api.mailchimp.com/3.0`,
		headers: HEADERS,
		settings: {},
	};
}

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
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	return (dig(response, itemsPath) ?? []) as IDataObject[];
}
