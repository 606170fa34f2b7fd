import type { INodeProperties } from 'n8n-workflow';

export const ticketUpdateDescription: INodeProperties[] = [
	{
		displayName: 'Key',
		name: 'ticketKey',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/tickets/{{ encodeURIComponent($value) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['ticket'],
				operation: ['update'],
			},
		},
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: {
			show: {
				resource: ['ticket'],
				operation: ['update'],
			},
		},
		options: [
			{
				displayName: 'Subject',
				name: 'subject',
				type: 'string',
				default: '',
				routing: {
					send: {
						type: 'body',
						property: 'subject',
					},
				},
			},
		],
	},
];
