import type { INodeProperties } from 'n8n-workflow';

export const issueCreateDescription: INodeProperties[] = [
	{
		displayName: 'Owner',
		name: 'owner',
		type: 'string',
		default: '',
		placeholder: 'e.g. octo-org',
		description: 'The account that owns the repository, a user or an organization (octo-org in octo-org/hello-world)',
		routing: {
			request: {
				url: '=/repos/{{ encodeURIComponent($value) }}/{{ encodeURIComponent($parameter[\'repo\']) }}/issues',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['create'],
			},
		},
	},
	{
		displayName: 'Repository',
		name: 'repo',
		type: 'string',
		default: '',
		placeholder: 'e.g. hello-world',
		description: 'The repository\'s name (hello-world in octo-org/hello-world)',
		routing: {
			request: {
				url: '=/repos/{{ encodeURIComponent($parameter[\'owner\']) }}/{{ encodeURIComponent($value) }}/issues',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['create'],
			},
		},
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		placeholder: 'e.g. Found a bug',
		routing: {
			send: {
				type: 'body',
				property: 'title',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['create'],
			},
		},
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['create'],
			},
		},
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['create'],
			},
		},
		options: [
			{
				displayName: 'Body',
				name: 'body',
				type: 'string',
				default: '',
				placeholder: 'e.g. I\'m having a problem with this.',
				description: 'The issue\'s text (Markdown)',
				routing: {
					send: {
						type: 'body',
						property: 'body',
					},
				},
			},
		],
	},
];
