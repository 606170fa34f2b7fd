import type { INodeProperties } from 'n8n-workflow';
import { asDateTime, inRange } from '../../shared/routing';

export const jobUpdateDescription: INodeProperties[] = [
	{
		displayName: 'Job ID',
		name: 'id',
		description: 'The Hellotracks ID of the job',
		type: 'resourceLocator',
		default: {
			mode: 'list',
			value: '',
		},
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod: 'searchJobs',
					searchable: true,
				},
			},
			{
				displayName: 'By Job ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 69fdc0f846455e452430b4b5',
			},
		],
		routing: {
			send: {
				type: 'body',
				property: 'id',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['updateJob'],
			},
		},
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['updateJob'],
			},
		},
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['updateJob'],
			},
		},
		options: [
			{
				displayName: 'Address',
				name: 'address',
				type: 'string',
				default: '',
				placeholder: 'e.g. South Road, San Francisco, CA',
				description: 'The street address of the job, as you would type it into a map',
				routing: {
					send: {
						type: 'body',
						property: 'address',
					},
				},
			},
			{
				displayName: 'Assignee',
				name: 'assigneeUsername',
				description: 'The member the job is assigned to, usually their email or login name',
				type: 'resourceLocator',
				default: {
					mode: 'list',
					value: '',
				},
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						typeOptions: {
							searchListMethod: 'searchMembers',
							searchable: true,
						},
					},
					{
						displayName: 'By Username',
						name: 'username',
						type: 'string',
						placeholder: 'e.g. worker@example.com',
					},
				],
				routing: {
					send: {
						type: 'body',
						property: 'assigneeUsername',
					},
				},
			},
			{
				displayName: 'Contact Email',
				name: 'contactEmail',
				type: 'string',
				default: '',
				placeholder: 'name@email.com',
				routing: {
					send: {
						type: 'body',
						property: 'contact.email',
					},
				},
			},
			{
				displayName: 'Contact Name',
				name: 'contactName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Olivia Martinez',
				description: 'Who to meet on site',
				routing: {
					send: {
						type: 'body',
						property: 'contact.name',
					},
				},
			},
			{
				displayName: 'Contact Phone',
				name: 'contactPhone',
				type: 'string',
				default: '',
				placeholder: 'e.g. +14155556789',
				description: 'Phone number in international format',
				routing: {
					send: {
						type: 'body',
						property: 'contact.phone',
					},
				},
			},
			{
				displayName: 'Date',
				name: 'date',
				type: 'dateTime',
				default: '',
				description: 'The day the job is scheduled for (YYYY-MM-DD)',
				routing: {
					send: {
						type: 'body',
						property: 'date',
						preSend: [asDateTime('body', 'date', 'date', 'Date must be a date (YYYY-MM-DD, e.g. 2026-05-10) or a date-time whose day is meant.')],
					},
				},
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				placeholder: 'e.g. SRP-4828',
				description: 'A stable ID from your source system. Creating a job with an external ID that already exists updates that job instead of creating a duplicate.',
				routing: {
					send: {
						type: 'body',
						property: 'externalId',
					},
				},
			},
			{
				displayName: 'Notes',
				name: 'notes',
				type: 'string',
				default: '',
				placeholder: 'e.g. Inspect emergency lighting after reported outage.',
				description: 'Instructions for the person doing the job',
				routing: {
					send: {
						type: 'body',
						property: 'notes',
					},
				},
			},
			{
				displayName: 'Place ID',
				name: 'placeId',
				type: 'string',
				default: '',
				description: 'Advanced. The ID of an existing Hellotracks place; prefer Address unless you have a valid place ID.',
				routing: {
					send: {
						type: 'body',
						property: 'placeId',
					},
				},
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'number',
				typeOptions: {
					minValue: 0,
					maxValue: 10,
					numberPrecision: 0,
				},
				default: 0,
				description: 'From 0 (lowest) to 10 (highest)',
				routing: {
					send: {
						type: 'body',
						property: 'priority',
						preSend: [inRange('body', 'priority', 0, 10, true, 'Priority must be a whole number from 0 to 10.')],
					},
				},
			},
			{
				displayName: 'Time Window End',
				name: 'timeWindowEnd',
				type: 'string',
				default: '',
				placeholder: 'HH:mm',
				description: 'Latest arrival time (HH:mm)',
				routing: {
					send: {
						type: 'body',
						property: 'timeWindow.end',
					},
				},
			},
			{
				displayName: 'Time Window Start',
				name: 'timeWindowStart',
				type: 'string',
				default: '',
				placeholder: 'HH:mm',
				description: 'Earliest arrival time (HH:mm)',
				routing: {
					send: {
						type: 'body',
						property: 'timeWindow.start',
					},
				},
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				placeholder: 'e.g. Emergency Exit Lighting Inspection',
				description: 'A short title shown on the schedule',
				routing: {
					send: {
						type: 'body',
						property: 'title',
					},
				},
			},
		],
	},
];
