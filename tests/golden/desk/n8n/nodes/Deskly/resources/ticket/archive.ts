import type { INodeProperties } from 'n8n-workflow';

export const ticketArchiveDescription: INodeProperties[] = [
	{
		displayName: 'Key',
		name: 'ticketKey',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/tickets/{{ encodeURIComponent($value) }}/close',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['ticket'],
				operation: ['archive'],
			},
		},
	},
];
