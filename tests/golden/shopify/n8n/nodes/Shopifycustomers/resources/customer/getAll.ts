import type { INodeProperties } from 'n8n-workflow';
import { asDateTime } from '../../shared/routing';

export const customerGetAllDescription: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		displayOptions: {
			show: {
				resource: ['customer'],
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
				resource: ['customer'],
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
				resource: ['customer'],
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
				resource: ['customer'],
				operation: ['getAll'],
			},
		},
		options: [
			{
				displayName: 'Created Since',
				name: 'createdAtMin',
				type: 'dateTime',
				default: '',
				routing: {
					send: {
						type: 'query',
						property: 'created_at_min',
						preSend: [asDateTime('query', 'created_at_min', 'iso8601', 'Created Since must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z) or a date (YYYY-MM-DD).')],
					},
				},
			},
			{
				displayName: 'Updated Since',
				name: 'updatedAtMin',
				type: 'dateTime',
				default: '',
				routing: {
					send: {
						type: 'query',
						property: 'updated_at_min',
						preSend: [asDateTime('query', 'updated_at_min', 'iso8601', 'Updated Since must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z) or a date (YYYY-MM-DD).')],
					},
				},
			},
		],
	},
];
