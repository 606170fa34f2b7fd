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
				name: 'createdGte',
				type: 'dateTime',
				default: '',
				routing: {
					send: {
						type: 'query',
						property: 'created[gte]',
						propertyInDotNotation: false,
						preSend: [asDateTime('query', 'created[gte]', 'epoch_s', 'Created Since must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z), a date (YYYY-MM-DD) or a number of seconds since 1970.')],
					},
				},
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				default: '',
				placeholder: 'name@email.com',
				description: 'Only customers with exactly this email address (case-sensitive)',
				routing: {
					send: {
						type: 'query',
						property: 'email',
					},
				},
			},
		],
	},
];
