import type { INodeProperties } from 'n8n-workflow';

export const jobFindByExternalIdDescription: INodeProperties[] = [
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
				operation: ['findByExternalId'],
			},
		},
	},
];
