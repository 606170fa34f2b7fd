import type { INodeProperties } from 'n8n-workflow';
import { asDateTime } from '../../shared/routing';

export const jobGetAllDescription: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['getAll'],
			},
		},
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['getAll'],
				returnAll: [false],
			},
		},
		typeOptions: {
			minValue: 1,
		},
		default: 50,
		description: 'Max number of results to return',
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['getAll'],
			},
		},
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['getAll'],
			},
		},
		options: [
			{
				displayName: 'Assignee Username',
				name: 'assigneeUsername',
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
						type: 'query',
						property: 'assigneeUsername',
					},
				},
			},
			{
				displayName: 'Created Since',
				name: 'createdSince',
				type: 'dateTime',
				default: '',
				routing: {
					send: {
						type: 'query',
						property: 'createdSince',
						preSend: [asDateTime('query', 'createdSince', 'epoch_ms', 'Created Since must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z), a date (YYYY-MM-DD) or a number of milliseconds since 1970.')],
					},
				},
			},
			{
				displayName: 'Include Archived',
				name: 'includeArchived',
				type: 'boolean',
				default: false,
				description: 'Whether to include archived',
				routing: {
					send: {
						type: 'query',
						property: 'includeArchived',
					},
				},
			},
			{
				displayName: 'Progress',
				name: 'progress',
				type: 'options',
				options: [
					{
						name: 'Accepted',
						value: 'accepted',
					},
					{
						name: 'Failed',
						value: 'failed',
					},
					{
						name: 'Scheduled',
						value: 'scheduled',
					},
					{
						name: 'Started',
						value: 'started',
					},
					{
						name: 'Success',
						value: 'success',
					},
				],
				default: 'accepted',
				routing: {
					send: {
						type: 'query',
						property: 'progress',
					},
				},
			},
			{
				displayName: 'Updated Since',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				routing: {
					send: {
						type: 'query',
						property: 'updatedSince',
						preSend: [asDateTime('query', 'updatedSince', 'epoch_ms', 'Updated Since must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z), a date (YYYY-MM-DD) or a number of milliseconds since 1970.')],
					},
				},
			},
		],
	},
];
