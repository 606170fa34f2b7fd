import type { INodeProperties } from 'n8n-workflow';

export const cardGetDescription: INodeProperties[] = [
	{
		displayName: 'Card ID',
		name: 'cardId',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/cards/{{ encodeURIComponent($value) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['card'],
				operation: ['get'],
			},
		},
	},
];
