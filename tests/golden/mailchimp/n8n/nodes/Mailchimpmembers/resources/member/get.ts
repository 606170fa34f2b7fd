import type { INodeProperties } from 'n8n-workflow';

export const memberGetDescription: INodeProperties[] = [
	{
		displayName: 'Subscriber Hash',
		name: 'memberId',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/lists/{{ encodeURIComponent($credentials.listId) }}/members/{{ encodeURIComponent($value) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['member'],
				operation: ['get'],
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
				operation: ['get'],
			},
		},
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
];
