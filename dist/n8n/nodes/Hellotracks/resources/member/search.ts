import type { INodeProperties } from 'n8n-workflow';

export const memberSearchDescription: INodeProperties[] = [
	{
		displayName: 'Email, Username, Name or ID',
		name: 'query',
		type: 'string',
		default: '',
		description: 'The exact email, username, name or member ID to look for',
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
				operation: ['findMember'],
			},
		},
	},
];
