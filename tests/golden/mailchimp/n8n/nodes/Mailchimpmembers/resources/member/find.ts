import type { INodeProperties } from 'n8n-workflow';

export const memberFindDescription: INodeProperties[] = [
	{
		displayName: 'Email Address',
		name: 'query',
		type: 'string',
		default: '',
		description: 'The member\'s whole email address',
		routing: {
			send: {
				type: 'query',
				property: 'query',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['member'],
				operation: ['find'],
			},
		},
	},
];
