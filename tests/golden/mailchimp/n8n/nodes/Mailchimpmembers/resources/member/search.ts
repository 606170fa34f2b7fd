import type { INodeProperties } from 'n8n-workflow';

export const memberSearchDescription: INodeProperties[] = [
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
				operation: ['search'],
			},
		},
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		displayOptions: {
			show: {
				resource: ['member'],
				operation: ['search'],
			},
		},
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
];
