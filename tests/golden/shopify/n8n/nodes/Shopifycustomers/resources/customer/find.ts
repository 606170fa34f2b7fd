import type { INodeProperties } from 'n8n-workflow';

export const customerFindDescription: INodeProperties[] = [
	{
		displayName: 'Search Text',
		name: 'query',
		type: 'string',
		default: '',
		description: 'Words, or field:value terms such as email:bob@example.com',
		routing: {
			send: {
				type: 'query',
				property: 'query',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['customer'],
				operation: ['find'],
			},
		},
	},
];
