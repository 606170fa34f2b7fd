import type { INodeProperties } from 'n8n-workflow';

export const issueUpdateDescription: INodeProperties[] = [
	{
		displayName: 'Owner',
		name: 'owner',
		type: 'string',
		default: '',
		placeholder: 'e.g. octo-org',
		description: 'The account that owns the repository, a user or an organization (octo-org in octo-org/hello-world)',
		routing: {
			request: {
				url: '=/repos/{{ encodeURIComponent($value) }}/{{ encodeURIComponent($parameter[\'repo\']) }}/issues/{{ encodeURIComponent($parameter[\'issueNumber\']) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['update'],
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
				url: '=/repos/{{ encodeURIComponent($parameter[\'owner\']) }}/{{ encodeURIComponent($value) }}/issues/{{ encodeURIComponent($parameter[\'issueNumber\']) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['update'],
			},
		},
	},
	{
		displayName: 'Issue Number',
		name: 'issueNumber',
		type: 'number',
		typeOptions: {
			numberPrecision: 0,
		},
		default: 0,
		description: 'The issue\'s number in its repository',
		routing: {
			request: {
				url: '=/repos/{{ encodeURIComponent($parameter[\'owner\']) }}/{{ encodeURIComponent($parameter[\'repo\']) }}/issues/{{ encodeURIComponent($value) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['update'],
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
				operation: ['update'],
			},
		},
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['update'],
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
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				options: [
					{
						name: 'Closed',
						value: 'closed',
					},
					{
						name: 'Open',
						value: 'open',
					},
				],
				default: 'closed',
				description: 'Closed closes the issue; open reopens it',
				routing: {
					send: {
						type: 'body',
						property: 'state',
					},
				},
			},
			{
				displayName: 'State Reason',
				name: 'stateReason',
				type: 'options',
				options: [
					{
						name: 'Completed',
						value: 'completed',
					},
					{
						name: 'Duplicate',
						value: 'duplicate',
					},
					{
						name: 'Not_planned',
						value: 'not_planned',
					},
					{
						name: 'Reopened',
						value: 'reopened',
					},
				],
				default: 'completed',
				description: 'Why the issue was closed or reopened',
				routing: {
					send: {
						type: 'body',
						property: 'state_reason',
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
			},
		],
	},
];
