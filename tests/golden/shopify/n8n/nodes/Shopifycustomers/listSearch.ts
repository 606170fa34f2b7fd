import type {
	IDataObject,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	INodeListSearchResult,
} from 'n8n-workflow';
import { pick, requestRecords } from './shared/transport';

interface ListSource {
	method: IHttpRequestMethods;
	url: string;
	qs: IDataObject;
	searchParam: string | null;
	value: string;
	label: string;
	itemsPath: string[];
	itemPath: string[];
}

async function search(
	this: ILoadOptionsFunctions,
	source: ListSource,
	filter?: string,
): Promise<INodeListSearchResult> {
	const qs: IDataObject = { ...source.qs };
	// APIs without a search parameter are filtered here, on the label, like n8n's own list searches.
	if (filter && source.searchParam) qs[source.searchParam] = filter;
	const records = await requestRecords.call(this, source.method, source.url, qs, source.itemsPath, source.itemPath);
	const needle = (filter ?? '').toLowerCase();
	const results = records
		.map((record) => ({
			name: String(pick(record, source.label) ?? pick(record, source.value)),
			value: String(pick(record, source.value)),
		}))
		.filter((entry) => source.searchParam || !needle || entry.name.toLowerCase().includes(needle));
	return { results };
}

export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await search.call(this, {
		method: 'GET',
		url: '/customers.json',
		qs: {
			limit: 250,
		},
		searchParam: null,
		value: 'id',
		label: 'email',
		itemsPath: ['customers'],
		itemPath: [],
	}, filter);
}
