import type {
	IDataObject,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { dig, requestRecords, withIsoTimes } from '../Hellotracks/shared/transport';

interface PollEvent {
	method: IHttpRequestMethods;
	url: string;
	qs: IDataObject;
	itemsPath: string[];
	itemPath: string[];
	isoTimes: Array<[string, string, string]>;
	cursorParam: string;
	cursorField: string;
	dedupe: string[];
	pageSize: number;
	offsetParam: string | null;
	rememberAll: boolean;
	filter: { field: string; equals: string | number | boolean } | null;
}

interface PollState {
	cursor?: number;
	newest?: number;
	emitted?: Array<[string, number]>;
}

// Each poll re-reads this much before its cursor: clock skew between servers, same-millisecond writes.
const LIMITS = {
	overlapMs: 1000,
	emittedLimit: 10000,
	maxPages: 1000,
};

const EVENTS: Record<string, PollEvent> = {
	completedJob: {
		method: 'GET',
		url: '/jobs',
		qs: {
			includeArchived: true,
			progress: 'success',
			limit: 100,
		},
		itemsPath: ['data', 'items'],
		itemPath: [],
		isoTimes: [
			['createdAt', 'createdAtIso', 'epoch_ms'],
			['updatedAt', 'updatedAtIso', 'epoch_ms'],
		],
		cursorParam: 'updatedSince',
		cursorField: 'updatedAt',
		dedupe: ['id'],
		pageSize: 100,
		offsetParam: 'skip',
		rememberAll: true,
		filter: {
			field: 'progress',
			equals: 'success',
		},
	},
	newJob: {
		method: 'GET',
		url: '/jobs',
		qs: {
			includeArchived: true,
			limit: 100,
		},
		itemsPath: ['data', 'items'],
		itemPath: [],
		isoTimes: [
			['createdAt', 'createdAtIso', 'epoch_ms'],
			['updatedAt', 'updatedAtIso', 'epoch_ms'],
		],
		cursorParam: 'createdSince',
		cursorField: 'createdAt',
		dedupe: ['id'],
		pageSize: 100,
		offsetParam: 'skip',
		rememberAll: false,
		filter: null,
	},
	updatedJob: {
		method: 'GET',
		url: '/jobs',
		qs: {
			includeArchived: true,
			limit: 100,
		},
		itemsPath: ['data', 'items'],
		itemPath: [],
		isoTimes: [
			['createdAt', 'createdAtIso', 'epoch_ms'],
			['updatedAt', 'updatedAtIso', 'epoch_ms'],
		],
		cursorParam: 'updatedSince',
		cursorField: 'updatedAt',
		dedupe: ['id', 'updatedAt'],
		pageSize: 100,
		offsetParam: 'skip',
		rememberAll: false,
		filter: null,
	},
};

function identity(record: IDataObject, fields: string[]): string {
	return JSON.stringify(fields.map((field) => dig(record, field.split('.')) ?? null));
}

function stampOf(record: IDataObject, event: PollEvent): number | undefined {
	const value = dig(record, event.cursorField.split('.'));
	return typeof value === 'number' ? value : undefined;
}

function newestOf(records: IDataObject[], event: PollEvent, floor: number): number {
	return records.reduce((top, record) => Math.max(top, stampOf(record, event) ?? top), floor);
}

/** Every page of changes at or after `since` (the first page only when `firstPageOnly`), in the API's order. */
async function readPages(
	this: IPollFunctions,
	event: PollEvent,
	since: number,
	firstPageOnly: boolean,
): Promise<IDataObject[][]> {
	const pages: IDataObject[][] = [];
	for (let page = 0; page < LIMITS.maxPages; page++) {
		const qs: IDataObject = { ...event.qs, [event.cursorParam]: since };
		if (page > 0 && event.offsetParam) qs[event.offsetParam] = page * event.pageSize;
		const batch = await requestRecords.call(this, event.method, event.url, qs, event.itemsPath, event.itemPath);
		pages.push(batch);
		if (firstPageOnly || batch.length < event.pageSize || !event.offsetParam) return pages;
	}
	throw new NodeOperationError(this.getNode(), `More than ${LIMITS.maxPages} pages of changes in one poll; stopping`);
}

export class HellotracksTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hellotracks Trigger',
		name: 'hellotracksTrigger',
		icon: {
			light: 'file:../../icons/hellotracks.svg',
			dark: 'file:../../icons/hellotracks.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when Hellotracks events occur',
		defaults: {
			name: 'Hellotracks Trigger',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'hellotracksApi',
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
						name: 'Completed Job',
						value: 'completedJob',
						description: 'Triggers when a job is completed successfully',
					},
					{
						name: 'New Job',
						value: 'newJob',
						description: 'Triggers when a new job is created',
					},
					{
						name: 'Updated Job',
						value: 'updatedJob',
						description: 'Triggers when a job is created or changed. Every change fires once.',
					},
				],
				default: 'newJob',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = EVENTS[this.getNodeParameter('event') as string];
		const matches = (record: IDataObject) =>
			!event.filter || dig(record, event.filter.field.split('.')) === event.filter.equals;
		if (this.getMode() === 'manual') {
			// "Fetch Test Event": the newest matching record of one page; the cursor stays untouched.
			const [page] = await readPages.call(this, event, 0, true);
			const sample = page.find(matches);
			return sample ? [this.helpers.returnJsonArray([withIsoTimes({ ...sample }, event.isoTimes)])] : null;
		}
		const state = this.getWorkflowStaticData('node') as PollState;
		// The cursor is the newest cursor-field value the API had returned when this poll's read began: the
		// server stamps every later change at least that, so the next poll (from cursor - overlap) reads whatever
		// changed while this one paged. The newest value of the whole read is only safe for the poll after.
		// Activation (no cursor yet) emits nothing: it takes note of every record the next poll will read again.
		const first = state.cursor === undefined;
		let cursor = state.cursor ?? 0;
		let newest = state.newest ?? cursor; // static data written before `newest` existed: cursor was the newest
		const emitted = new Map<string, number>(state.emitted ?? []);
		let pages = await readPages.call(this, event, first ? 0 : Math.max(0, cursor - LIMITS.overlapMs), first);
		cursor = Math.max(cursor, newest, newestOf(pages[0], event, 0));
		if (first && pages[0].length >= event.pageSize && event.offsetParam) {
			pages = await readPages.call(this, event, Math.max(0, cursor - LIMITS.overlapMs), false);
			cursor = newestOf(pages[0], event, cursor);
		}
		newest = Math.max(newest, cursor);
		const fresh: IDataObject[] = [];
		for (const record of pages.flat()) {
			const value = stampOf(record, event);
			if (value === undefined) continue;
			newest = Math.max(newest, value);
			const id = identity(record, event.dedupe);
			if (emitted.has(id) || !matches(record)) continue;
			emitted.set(id, value);
			if (!first) fresh.push(record);
		}
		const since = Math.max(0, cursor - LIMITS.overlapMs); // the next poll asks from here: nothing older comes back
		const kept = [...emitted.entries()];
		state.cursor = cursor;
		state.newest = newest;
		state.emitted = event.rememberAll ? kept.slice(-LIMITS.emittedLimit) : kept.filter(([, v]) => v >= since);
		// Handed on with each epoch field's ISO 8601 companion; the raw value stays beside it.
		const out = fresh.map((record) => withIsoTimes({ ...record }, event.isoTimes));
		return out.length ? [this.helpers.returnJsonArray(out)] : null;
	}
}
