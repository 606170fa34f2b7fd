import type { INodeProperties } from 'n8n-workflow';

export const ticketDeleteDescription: INodeProperties[] = [
	{
		displayName: 'Key',
		name: 'ticketKey',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/tickets/{{ encodeURIComponent($value) }}',
			},
			output: {
				postReceive: [
					{
						type: 'set',
						properties: {
							value: '={{ { "key": $value, "deleted": true } }}',
						},
					},
				],
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['ticket'],
				operation: ['delete'],
			},
		},
	},
];
