import type { INodeProperties } from 'n8n-workflow';

export const cardGetAllDescription: INodeProperties[] = [
	{
		displayName: 'List ID',
		name: 'idList',
		type: 'string',
		default: '',
		description: 'The list the card is in',
		routing: {
			request: {
				url: '=/lists/{{ encodeURIComponent($value) }}/cards',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['card'],
				operation: ['getAll'],
			},
		},
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		displayOptions: {
			show: {
				resource: ['card'],
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
				resource: ['card'],
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
				resource: ['card'],
				operation: ['getAll'],
			},
		},
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
];
