import type { INodeProperties } from 'n8n-workflow';
import { asDateTime, emptyOnStatus, entries, notePage, omitEmpty, pages, sendRequest } from '../../shared/routing';

export const issueDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: {
			show: {
				resource: ['issue'],
			},
		},
		options: [
			{
				name: 'Archive',
				value: 'archive',
				description: 'Closes an issue (GitHub\'s REST API cannot delete one); Update Issue with a State of open reopens it',
				action: 'Archive an issue',
				routing: {
					request: {
						method: 'PATCH',
						body: {
							state: 'closed',
						},
					},
					output: {
						postReceive: [],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: sendRequest(),
					},
				},
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Opens an issue in a repository',
				action: 'Create an issue',
				routing: {
					request: {
						method: 'POST',
					},
					output: {
						postReceive: [],
					},
					send: {
						paginate: true,
						preSend: [omitEmpty],
					},
					operations: {
						pagination: sendRequest(),
					},
				},
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Finds an issue (or a pull request) of a repository by its number',
				action: 'Get an issue',
				routing: {
					request: {
						method: 'GET',
					},
					output: {
						postReceive: [
							{
								type: 'limit',
								properties: {
									maxResults: 1,
								},
							},
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: emptyOnStatus(404),
					},
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Lists the issues of a repository, newest first (open ones unless a State is given); GitHub includes pull requests (their Pull Request field is set)',
				action: 'Get many issues',
				routing: {
					request: {
						method: 'GET',
					},
					output: {
						postReceive: [entries, notePage([], [])],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/issue/pagination', 100, 'List Issues', null),
					},
				},
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Changes an issue; a State of closed closes it and open reopens it. Fields left empty stay as they are.',
				action: 'Update an issue',
				routing: {
					request: {
						method: 'PATCH',
					},
					output: {
						postReceive: [],
					},
					send: {
						paginate: true,
						preSend: [omitEmpty],
					},
					operations: {
						pagination: sendRequest(),
					},
				},
			},
		],
		default: 'create',
	},
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
				operation: ['archive'],
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
				operation: ['archive'],
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
				operation: ['archive'],
			},
		},
	},
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
				operation: ['get'],
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
				operation: ['get'],
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
				operation: ['get'],
			},
		},
	},
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
				operation: ['getAll'],
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
				operation: ['getAll'],
			},
		},
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['getAll'],
			},
		},
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['getAll'],
				returnAll: [false],
			},
		},
		typeOptions: {
			minValue: 1,
		},
		default: 50,
		description: 'Max number of results to return',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['getAll'],
			},
		},
		options: [
			{
				displayName: 'Creator',
				name: 'creator',
				type: 'string',
				default: '',
				description: 'The login of the issue\'s author',
				routing: {
					send: {
						type: 'query',
						property: 'creator',
					},
				},
			},
			{
				displayName: 'Labels',
				name: 'labels',
				type: 'string',
				default: '',
				description: 'Label names, comma-separated; an issue must carry every one',
				routing: {
					send: {
						type: 'query',
						property: 'labels',
					},
				},
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				options: [
					{
						name: 'All',
						value: 'all',
					},
					{
						name: 'Closed',
						value: 'closed',
					},
					{
						name: 'Open',
						value: 'open',
					},
				],
				default: 'all',
				description: 'Open (the default), closed or all',
				routing: {
					send: {
						type: 'query',
						property: 'state',
					},
				},
			},
			{
				displayName: 'Updated Since',
				name: 'since',
				type: 'dateTime',
				default: '',
				description: 'Only issues updated at or after this time',
				routing: {
					send: {
						type: 'query',
						property: 'since',
						preSend: [asDateTime('query', 'since', 'iso8601', 'Updated Since must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z) or a date (YYYY-MM-DD).')],
					},
				},
			},
		],
	},
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
