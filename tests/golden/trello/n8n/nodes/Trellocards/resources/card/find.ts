import type { INodeProperties } from 'n8n-workflow';

export const cardFindDescription: INodeProperties[] = [
	{
		displayName: 'Search Text',
		name: 'query',
		type: 'string',
		default: '',
		description: 'Words the card\'s name or description holds',
		routing: {
			send: {
				type: 'query',
				property: 'query',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['card'],
				operation: ['find'],
			},
		},
	},
];
