import type {
	IDataObject,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { dig, requestRecords } from '../Deskly/shared/transport';

interface PollEvent {
	method: IHttpRequestMethods;
	url: string;
	qs: IDataObject;
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
	emitted?: Array<[string, number]>;
}

// Each poll re-reads this much of the past: records stamped in the cursor's millisecond may arrive late.
const LIMITS = {
	overlapMs: 1000,
	emittedLimit: 10000,
	maxPages: 1000,
};

const EVENTS: Record<string, PollEvent> = {
	touchedTicket: {
		method: 'GET',
		url: '/tickets',
		qs: {
			withClosed: true,
			pageSize: 3,
		},
		cursorParam: 'touchedAfter',
		cursorField: 'touchedOn',
		dedupe: ['key', 'touchedOn'],
		pageSize: 3,
		offsetParam: 'from',
		rememberAll: false,
		filter: null,
	},
};

function identity(record: IDataObject, fields: string[]): string {
	return JSON.stringify(fields.map((field) => dig(record, field.split('.')) ?? null));
}

async function readPages(
	this: IPollFunctions,
	event: PollEvent,
	since: number,
	firstPageOnly: boolean,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	for (let page = 0; page < LIMITS.maxPages; page++) {
		const qs: IDataObject = { ...event.qs, [event.cursorParam]: since };
		if (page > 0 && event.offsetParam) qs[event.offsetParam] = page * event.pageSize;
		const batch = await requestRecords.call(this, event.method, event.url, qs);
		records.push(...batch);
		if (firstPageOnly || batch.length < event.pageSize || !event.offsetParam) return records;
	}
	return records;
}

export class DesklyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Deskly Trigger',
		name: 'desklyTrigger',
		icon: {
			light: 'file:../../icons/deskly.svg',
			dark: 'file:../../icons/deskly.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when Deskly events occur',
		defaults: {
			name: 'Deskly Trigger',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'desklyApi',
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
						name: 'Touched Ticket',
						value: 'touchedTicket',
						description: 'Triggers when a ticket changes',
					},
				],
				default: 'touchedTicket',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = EVENTS[this.getNodeParameter('event') as string];
		const matches = (record: IDataObject) =>
			!event.filter || dig(record, event.filter.field.split('.')) === event.filter.equals;
		if (this.getMode() === 'manual') {
			// "Fetch Test Event": the newest matching record of one page; the cursor stays untouched.
			const sample = (await readPages.call(this, event, 0, true)).find(matches);
			return sample ? [this.helpers.returnJsonArray([sample])] : null;
		}
		const state = this.getWorkflowStaticData('node') as PollState;
		// The first poll after activation reads one page to start the cursor and emits nothing: like n8n's own
		// triggers, a workflow reacts to what happens after it is turned on. Later polls read every page since.
		const first = state.cursor === undefined;
		let cursor = state.cursor ?? 0;
		const emitted = new Map<string, number>(state.emitted ?? []);
		const since = first ? 0 : Math.max(0, cursor - LIMITS.overlapMs);
		const fresh: IDataObject[] = [];
		for (const record of await readPages.call(this, event, since, first)) {
			const value = dig(record, event.cursorField.split('.'));
			if (typeof value !== 'number') continue;
			cursor = Math.max(cursor, value);
			const id = identity(record, event.dedupe);
			if (emitted.has(id) || !matches(record)) continue;
			emitted.set(id, value);
			fresh.push(record);
		}
		const floor = Math.max(0, cursor - LIMITS.overlapMs);
		const kept = [...emitted.entries()];
		state.cursor = cursor;
		state.emitted = event.rememberAll ? kept.slice(-LIMITS.emittedLimit) : kept.filter(([, v]) => v >= floor);
		return fresh.length && !first ? [this.helpers.returnJsonArray(fresh)] : null;
	}
}
