import type {
	IDataObject,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

interface ListSource {
	method: IHttpRequestMethods;
	url: string;
	qs: IDataObject;
	searchParam: string | null;
	value: string;
	label: string;
}

const BASE_URL = {{ app.base_url | quote }};
const CREDENTIAL = {{ credential.name | quote }};
const ITEMS_PATH = {{ items_path | ts }};

function dig(value: unknown, path: string[]): unknown {
	let current = value;
	for (const key of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[key];
	}
	return current;
}

async function search(
	this: ILoadOptionsFunctions,
	source: ListSource,
	filter?: string,
): Promise<INodeListSearchResult> {
	const qs: IDataObject = { ...source.qs };
	// APIs without a search parameter are filtered here, on the label, like n8n's own list searches.
	if (filter && source.searchParam) qs[source.searchParam] = filter;
	let response: unknown;
	try {
		response = await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL, {
			method: source.method,
			baseURL: BASE_URL,
			url: source.url,
			qs,
			json: true,
		});
	} catch (error) {
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	const records = (dig(response, ITEMS_PATH) ?? []) as IDataObject[];
	const needle = (filter ?? '').toLowerCase();
	const results = records
		.map((record) => ({
			name: String(record[source.label] ?? record[source.value]),
			value: String(record[source.value]),
		}))
		.filter((entry) => source.searchParam || !needle || entry.name.toLowerCase().includes(needle));
	return { results };
}
{% for s in sources %}

export async function {{ s.name }}(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await search.call(this, {{ s.source | ts(1) }}, filter);
}
{% endfor %}
