import type {
	IDataObject,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

{% if not connection %}
const BASE_URL = {{ base_url }};
{% endif %}
const CREDENTIAL = {{ credential.name | quote }};
// The spec's fixed headers, which the node's requestDefaults send on every other request.
const HEADERS = {{ headers | ts }};
{% if connection %}

/** What this connection's settings make of the base URL, the headers and the path placeholders naming them. */
async function connection(
	this: ILoadOptionsFunctions | IPollFunctions,
): Promise<{ baseURL: string; headers: IDataObject; settings: IDataObject }> {
	const credentials = await this.getCredentials(CREDENTIAL);
	return {
		baseURL: {{ base_url }},
{% if connection.headers %}
		headers: {
			...HEADERS,
{% for name, value in connection.headers.items() %}
			{{ name | quote }}: {{ value }},
{% endfor %}
		},
{% else %}
		headers: HEADERS,
{% endif %}
{% if connection.settings %}
		settings: {
{% for name, value in connection.settings.items() %}
			{{ name | quote }}: {{ value }},
{% endfor %}
		},
{% else %}
		settings: {},
{% endif %}
	};
}
{% endif %}

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
{% if connection %}
	const { baseURL, headers, settings } = await connection.call(this);
	const path = url.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => encodeURIComponent(String(settings[name])));
{% endif %}
	let response: unknown;
	try {
		response = await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL, {
			method,
{% if connection %}
			baseURL,
			url: path,
			qs,
			headers,
{% else %}
			baseURL: BASE_URL,
			url,
			qs,
			headers: HEADERS,
{% endif %}
			json: true,
		});
	} catch (error) {
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	return (dig(response, itemsPath) ?? []) as IDataObject[];
}
