import type {
	IDataObject,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import type { CodeRequest, Page } from '../Githubissues/shared/transport';
import { PAGING, dig, nextPage, readPages, requestPage, withIsoTimes } from '../Githubissues/shared/transport';

type Format = 'epoch_ms' | 'epoch_s' | 'iso8601' | 'date' | 'integer';

interface PollEvent {
	label: string;
	method: IHttpRequestMethods;
	url: string;
	qs: IDataObject;
	itemsPath: string[];
	itemPath: string[];
	isoTimes: Array<[string, string, string]>;
	inputs: Array<[string, string]>; // [path placeholder, node parameter]
	paging: string | null;
	pageSize: number;
	cursorParam: string | null; // the since filter; null: the API lists newest first and a poll stops at the cursor
	cursorFormat: Format; // how the since filter is written
	cursorField: string;
	fieldFormat: Format; // how the records carry the cursor field
	dedupe: string[];
	rememberAll: boolean;
	filter: { field: string; equals: string | number | boolean } | null;
}

interface PollState {
	cursor?: number;
	newest?: number;
	emitted?: Array<[string, number]>;
	scope?: string;
}

// Each poll re-reads this much before its cursor: clock skew between servers, same-millisecond writes.
const LIMITS = {
	overlapMs: 1000,
	emittedLimit: 10000,
	maxPages: 1000,
};

const EVENTS: Record<string, PollEvent> = {
	newIssue: {
		label: 'New Issue',
		method: 'GET',
		url: '/repos/{owner}/{repo}/issues',
		qs: {
			state: 'all',
			sort: 'created',
			direction: 'desc',
			per_page: 100,
		},
		itemsPath: [],
		itemPath: [],
		isoTimes: [],
		inputs: [
			['owner', 'owner'],
			['repo', 'repo'],
		],
		paging: 'resources/issue/pagination',
		pageSize: 100,
		cursorParam: null,
		cursorFormat: 'epoch_ms',
		cursorField: 'created_at',
		fieldFormat: 'iso8601',
		dedupe: ['number'],
		rememberAll: false,
		filter: null,
	},
	updatedIssue: {
		label: 'Updated Issue',
		method: 'GET',
		url: '/repos/{owner}/{repo}/issues',
		qs: {
			state: 'all',
			sort: 'updated',
			direction: 'desc',
			per_page: 100,
		},
		itemsPath: [],
		itemPath: [],
		isoTimes: [],
		inputs: [
			['owner', 'owner'],
			['repo', 'repo'],
		],
		paging: 'resources/issue/pagination',
		pageSize: 100,
		cursorParam: 'since',
		cursorFormat: 'iso8601',
		cursorField: 'updated_at',
		fieldFormat: 'iso8601',
		dedupe: ['number', 'updated_at', 'state'],
		rememberAll: false,
		filter: null,
	},
};

function identity(record: IDataObject, fields: string[]): string {
	return JSON.stringify(fields.map((field) => dig(record, field.split('.')) ?? null));
}

const ZONE = /([Zz]|[+-]\d{2}:?\d{2})$/;

/** A cursor value in epoch milliseconds (an id as it is), whatever the field's format; undefined if it is none. */
function stampOf(record: IDataObject, event: PollEvent): number | undefined {
	const value = dig(record, event.cursorField.split('.'));
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return undefined;
		return event.fieldFormat === 'epoch_s' ? value * 1000 : value;
	}
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
	const ms = Date.parse(value.length > 10 && !ZONE.test(value) ? `${value}Z` : value); // no offset is UTC
	return Number.isNaN(ms) ? undefined : ms;
}

/** The since filter's value for `ms` in its own format (floored: the overlap keeps the window safe). */
function since(ms: number, format: Format): string | number {
	if (format === 'epoch_s') return Math.floor(ms / 1000);
	if (format === 'iso8601') return new Date(ms).toISOString();
	if (format === 'date') return new Date(ms).toISOString().slice(0, 10);
	return Math.floor(ms);
}

function newestOf(records: IDataObject[], event: PollEvent, floor: number): number {
	return records.reduce((top, record) => Math.max(top, stampOf(record, event) ?? top), floor);
}

export class GithubissuesTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GitHub Issues Trigger',
		name: 'githubissuesTrigger',
		icon: {
			light: 'file:../../icons/githubissues.svg',
			dark: 'file:../../icons/githubissues.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when GitHub Issues events occur',
		defaults: {
			name: 'GitHub Issues Trigger',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'githubissuesApi',
				required: true,
			},
		],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				required: true,
				noDataExpression: true,
				options: [
					{
						name: 'New Issue',
						value: 'newIssue',
						description: 'Triggers when an issue is opened in a repository. GitHub lists pull requests as issues, so a new pull request triggers too (its Pull Request field is set).',
					},
					{
						name: 'Updated Issue',
						value: 'updatedIssue',
						description: 'Triggers when an issue of a repository is opened or changed (closing and reopening included); every change fires once. Pull requests are issues to GitHub and trigger too (their Pull Request field is set).',
					},
				],
				default: 'newIssue',
			},
			{
				displayName: 'Owner',
				name: 'owner',
				type: 'string',
				default: '',
				placeholder: 'e.g. octo-org',
				description: 'The account that owns the repository, a user or an organization (octo-org in octo-org/hello-world)',
				required: true,
				displayOptions: {
					show: {
						event: ['newIssue'],
					},
				},
			},
			{
				displayName: 'Repository',
				name: 'repo',
				type: 'string',
				default: '',
				placeholder: 'e.g. hello-world',
				description: 'The repository\'s name (hello-world in octo-org/hello-world)',
				required: true,
				displayOptions: {
					show: {
						event: ['newIssue'],
					},
				},
			},
			{
				displayName: 'Owner',
				name: 'owner',
				type: 'string',
				default: '',
				placeholder: 'e.g. octo-org',
				description: 'The account that owns the repository, a user or an organization (octo-org in octo-org/hello-world)',
				required: true,
				displayOptions: {
					show: {
						event: ['updatedIssue'],
					},
				},
			},
			{
				displayName: 'Repository',
				name: 'repo',
				type: 'string',
				default: '',
				placeholder: 'e.g. hello-world',
				description: 'The repository\'s name (hello-world in octo-org/hello-world)',
				required: true,
				displayOptions: {
					show: {
						event: ['updatedIssue'],
					},
				},
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = EVENTS[this.getNodeParameter('event') as string];
		const paging = event.paging === null ? null : PAGING[event.paging];
		const pathValues: IDataObject = {};
		for (const [name, parameter] of event.inputs) pathValues[name] = this.getNodeParameter(parameter) as string;
		const request: CodeRequest = { ...event, pathValues };
		const overlap = event.fieldFormat === 'integer' ? 0 : LIMITS.overlapMs;
		// The pages of changes from `from` in the API's order: with a since filter every page of the filtered list;
		// without one (newest first) until a page reaches a record older than `from`; or the first page only.
		const read = async (from: number, firstOnly: boolean): Promise<Page[]> => {
			const qs = event.cursorParam === null ? event.qs : { ...event.qs, [event.cursorParam]: since(from, event.cursorFormat) };
			return await readPages(
				this.getNode(),
				event.label,
				paging,
				event.pageSize,
				async (pageRequest) => {
					const page = await requestPage.call(this, { ...request, qs }, paging, pageRequest);
					return { page, out: page };
				},
				(_pages, page) =>
					firstOnly ||
					(event.cursorParam === null && page.records.some((record) => (stampOf(record, event) ?? from) < from)),
			);
		};
		const matches = (record: IDataObject) =>
			!event.filter || dig(record, event.filter.field.split('.')) === event.filter.equals;
		if (this.getMode() === 'manual') {
			// "Fetch Test Event": the first matching record of one page; the cursor stays untouched.
			const [page] = await read(0, true);
			const sample = page.records.find(matches);
			return sample ? [this.helpers.returnJsonArray([withIsoTimes({ ...sample }, event.isoTimes)])] : null;
		}
		const state = this.getWorkflowStaticData('node') as PollState;
		// The poll state belongs to the trigger's scope (its path inputs): another scope starts over.
		const scope = event.inputs.length ? JSON.stringify(pathValues) : undefined;
		const first = state.cursor === undefined || state.scope !== scope;
		// The cursor is the newest cursor-field value the API had returned when this poll's read began: the
		// server stamps every later change at least that, so the next poll (from cursor - overlap) reads whatever
		// changed while this one paged. The newest value of the whole read is only safe for the poll after.
		// Activation (no cursor yet) emits nothing: it takes note of every record the next poll will read again.
		let cursor = first ? 0 : (state.cursor ?? 0);
		let newest = first ? 0 : (state.newest ?? cursor); // static data without `newest`: cursor was the newest
		const emitted = new Map<string, number>(first ? [] : (state.emitted ?? []));
		let from = first ? 0 : Math.max(0, cursor - overlap);
		let pages = await read(from, first);
		cursor = Math.max(cursor, newest, newestOf(pages[0].records, event, 0));
		if (first && paging && nextPage(paging, 0, event.pageSize, pages[0])) {
			from = Math.max(0, cursor - overlap);
			pages = await read(from, false);
			cursor = newestOf(pages[0].records, event, cursor);
		}
		newest = Math.max(newest, cursor);
		const fresh: IDataObject[] = [];
		for (const record of pages.flatMap((page) => page.records)) {
			const value = stampOf(record, event);
			// Older than the window: an earlier poll read it (a date or epoch-second filter returns some).
			if (value === undefined || value < from) continue;
			newest = Math.max(newest, value);
			const id = identity(record, event.dedupe);
			if (emitted.has(id) || !matches(record)) continue;
			emitted.set(id, value);
			if (!first) fresh.push(record);
		}
		const next = Math.max(0, cursor - overlap); // the next poll asks from here: nothing older comes back
		const kept = [...emitted.entries()];
		state.cursor = cursor;
		state.newest = newest;
		state.emitted = event.rememberAll ? kept.slice(-LIMITS.emittedLimit) : kept.filter(([, v]) => v >= next);
		if (scope !== undefined) state.scope = scope;
		// Handed on with each epoch field's ISO 8601 companion; the raw value stays beside it.
		const out = fresh.map((record) => withIsoTimes({ ...record }, event.isoTimes));
		return out.length ? [this.helpers.returnJsonArray(out)] : null;
	}
}
