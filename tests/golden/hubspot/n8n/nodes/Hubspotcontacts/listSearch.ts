import type {
	IDataObject,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { PageRequest } from './shared/transport';
import { PAGING, firstParams, following, nextPage, pick, requestPage } from './shared/transport';

interface ListSource {
	operation: string;
	method: IHttpRequestMethods;
	url: string;
	qs: IDataObject;
	paging: string | null;
	pageSize: number;
	searchParam: string | null;
	value: string;
	label: string;
	itemsPath: string[];
	itemPath: string[];
}

// Where the next page of a dropdown starts: n8n hands the token back when the list is scrolled to its end.
interface Token {
	number: number;
	request: PageRequest;
}

/** One page of a dropdown's list; `paginationToken` (from the previous page) asks for the next one. */
async function search(
	this: ILoadOptionsFunctions,
	source: ListSource,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const paging = source.paging === null ? null : PAGING[source.paging];
	const qs: IDataObject = { ...source.qs };
	// APIs without a search parameter are filtered here, on the label, like n8n's own list searches.
	if (filter && source.searchParam) qs[source.searchParam] = filter;
	const token: Token = paginationToken
		? (JSON.parse(paginationToken) as Token)
		: { number: 0, request: { params: paging ? firstParams(paging, source.pageSize) : {} } };
	const page = await requestPage.call(this, { ...source, qs }, paging, token.request);
	const needle = (filter ?? '').toLowerCase();
	const results = page.records
		.map((record) => ({
			name: String(pick(record, source.label) ?? pick(record, source.value)),
			value: String(pick(record, source.value)),
		}))
		.filter((entry) => source.searchParam || !needle || entry.name.toLowerCase().includes(needle));
	const next = paging ? nextPage(paging, token.number, source.pageSize, page) : undefined;
	if (!next || !paging) return { results };
	if (token.number + 1 >= paging.maxPages) {
		throw new NodeOperationError(this.getNode(), `${source.operation}: more than ${paging.maxPages} pages; stopping`);
	}
	const request = following(token.request, next);
	return { results, paginationToken: JSON.stringify({ number: token.number + 1, request }) };
}

export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await search.call(this, {
		operation: 'List Contacts',
		method: 'GET',
		url: '/crm/v3/objects/contacts',
		qs: {
			limit: 100,
			archived: false,
		},
		paging: 'resources/contact/pagination',
		pageSize: 100,
		searchParam: null,
		value: 'id',
		label: 'properties.email',
		itemsPath: ['results'],
		itemPath: [],
	}, filter, paginationToken);
}
