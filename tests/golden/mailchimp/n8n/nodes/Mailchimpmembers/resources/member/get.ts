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
];
