import type { INodeProperties } from 'n8n-workflow';

export const contactFindDescription: INodeProperties[] = [
	{
		displayName: 'Search Text',
		name: 'query',
		type: 'string',
		default: '',
		description: 'Text HubSpot looks for in the contacts\' default searchable properties (name, email, phone, company)',
		routing: {
			send: {
				type: 'body',
				property: 'query',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['contact'],
				operation: ['find'],
			},
		},
	},
];
