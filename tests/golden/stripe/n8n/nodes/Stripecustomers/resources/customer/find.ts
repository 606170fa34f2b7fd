import type { INodeProperties } from 'n8n-workflow';

export const customerFindDescription: INodeProperties[] = [
	{
		displayName: 'Search Query',
		name: 'query',
		type: 'string',
		default: '',
		description: 'Stripe\'s search query language, e.g. email:\'jenny@example.com\' or metadata[\'source\']:\'web\'',
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
