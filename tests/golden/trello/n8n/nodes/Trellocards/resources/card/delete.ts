import type { INodeProperties } from 'n8n-workflow';

export const cardDeleteDescription: INodeProperties[] = [
	{
		displayName: 'Card ID',
		name: 'cardId',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/cards/{{ encodeURIComponent($value) }}',
			},
			output: {
				postReceive: [
					{
						type: 'set',
						properties: {
							value: '={{ { "id": $value, "deleted": true } }}',
						},
					},
				],
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['card'],
				operation: ['delete'],
			},
		},
	},
];
