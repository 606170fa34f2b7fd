import type { INodeProperties } from 'n8n-workflow';

export const jobGetByExternalIdDescription: INodeProperties[] = [
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		routing: {
			send: {
				type: 'query',
				property: 'externalId',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['findJob'],
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
				operation: ['findJob'],
			},
		},
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
];
