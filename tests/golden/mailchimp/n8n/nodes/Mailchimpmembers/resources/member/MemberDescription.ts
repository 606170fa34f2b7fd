import type { INodeProperties } from 'n8n-workflow';
import { asDateTime, emptyOnStatus, notePage, omitEmpty, pages, sendRequest } from '../../shared/routing';

export const memberDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: {
			show: {
				resource: ['member'],
			},
		},
		options: [
			{
				name: 'Archive',
				value: 'archive',
				description: 'Archives a member; the address can be added again later',
				action: 'Archive a member',
				routing: {
					request: {
						method: 'DELETE',
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
				description: 'Adds a member to the audience; an address already there is refused',
				action: 'Create a member',
				routing: {
					request: {
						method: 'POST',
						url: '=/lists/{{ encodeURIComponent($credentials.listId) }}/members',
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
				name: 'Find',
				value: 'find',
				description: 'Finds the member with this email address (Mailchimp\'s member search, its exact matches)',
				action: 'Find a member',
				routing: {
					request: {
						method: 'GET',
						url: '/search-members',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'exact_matches.members',
								},
							},
							{
								type: 'limit',
								properties: {
									maxResults: 1,
								},
							},
							notePage(['exact_matches', 'members'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('operations/find_member/pagination', 100, 'Find Member by Email', 1),
					},
				},
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Finds a member by subscriber hash',
				action: 'Get a member',
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
				description: 'Lists the audience\'s members, page by page, optionally by status or changed since a moment',
				action: 'Get many members',
				routing: {
					request: {
						method: 'GET',
						url: '=/lists/{{ encodeURIComponent($credentials.listId) }}/members',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'members',
								},
							},
							notePage(['members'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/member/pagination', 1000, 'List Members', null),
					},
				},
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Changes a member\'s status, email type or merge fields',
				action: 'Update a member',
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
		displayName: 'Subscriber Hash',
		name: 'memberId',
		type: 'resourceLocator',
		default: {
			mode: 'list',
			value: '',
		},
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod: 'searchMembers',
					searchable: true,
				},
			},
			{
				displayName: 'By Subscriber Hash',
				name: 'id',
				type: 'string',
			},
		],
		routing: {
			request: {
				url: '=/lists/{{ encodeURIComponent($credentials.listId) }}/members/{{ encodeURIComponent($value) }}',
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
				resource: ['member'],
				operation: ['archive'],
			},
		},
	},
	{
		displayName: 'Email Address',
		name: 'emailAddress',
		type: 'string',
		default: '',
		placeholder: 'name@email.com',
		routing: {
			send: {
				type: 'body',
				property: 'email_address',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['member'],
				operation: ['create'],
			},
		},
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{
				name: 'Archived',
				value: 'archived',
			},
			{
				name: 'Cleaned',
				value: 'cleaned',
			},
			{
				name: 'Pending',
				value: 'pending',
			},
			{
				name: 'Subscribed',
				value: 'subscribed',
			},
			{
				name: 'Transactional',
				value: 'transactional',
			},
			{
				name: 'Unsubscribed',
				value: 'unsubscribed',
			},
		],
		default: 'archived',
		routing: {
			send: {
				type: 'body',
				property: 'status',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['member'],
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
				resource: ['member'],
				operation: ['create'],
			},
		},
		options: [
			{
				displayName: 'Email Type',
				name: 'emailType',
				type: 'options',
				options: [
					{
						name: 'HTML',
						value: 'html',
					},
					{
						name: 'Plain Text',
						value: 'text',
					},
				],
				default: 'html',
				routing: {
					send: {
						type: 'body',
						property: 'email_type',
					},
				},
			},
			{
				displayName: 'Merge Fields',
				name: 'mergeFields',
				type: 'fixedCollection',
				typeOptions: {
					multipleValues: true,
				},
				placeholder: 'Add Entry',
				default: {},
				options: [
					{
						displayName: 'Entry',
						name: 'entry',
						values: [
							{
								displayName: 'Key',
								name: 'key',
								type: 'string',
								default: '',
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								default: '',
							},
						],
					},
				],
				description: 'Values of the audience\'s merge fields by tag, such as FNAME and LNAME',
				routing: {
					send: {
						type: 'body',
						property: 'merge_fields',
						value: '={{ ($value.entry || []).filter((e) => e.key !== \'\').reduce((o, e) => Object.assign(o, { [e.key]: e.value }), {}) }}',
					},
				},
			},
		],
	},
	{
		displayName: 'Email Address',
		name: 'query',
		type: 'string',
		default: '',
		description: 'The member\'s whole email address',
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
				operation: ['find'],
			},
		},
	},
	{
		displayName: 'Subscriber Hash',
		name: 'memberId',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/lists/{{ encodeURIComponent($credentials.listId) }}/members/{{ encodeURIComponent($value) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['member'],
				operation: ['get'],
			},
		},
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		displayOptions: {
			show: {
				resource: ['member'],
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
				resource: ['member'],
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
				resource: ['member'],
				operation: ['getAll'],
			},
		},
		options: [
			{
				displayName: 'Changed Since',
				name: 'sinceLastChanged',
				type: 'dateTime',
				default: '',
				routing: {
					send: {
						type: 'query',
						property: 'since_last_changed',
						preSend: [asDateTime('query', 'since_last_changed', 'iso8601', 'Changed Since must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z) or a date (YYYY-MM-DD).')],
					},
				},
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{
						name: 'Archived',
						value: 'archived',
					},
					{
						name: 'Cleaned',
						value: 'cleaned',
					},
					{
						name: 'Pending',
						value: 'pending',
					},
					{
						name: 'Subscribed',
						value: 'subscribed',
					},
					{
						name: 'Transactional',
						value: 'transactional',
					},
					{
						name: 'Unsubscribed',
						value: 'unsubscribed',
					},
				],
				default: 'archived',
				routing: {
					send: {
						type: 'query',
						property: 'status',
					},
				},
			},
		],
	},
	{
		displayName: 'Subscriber Hash',
		name: 'memberId',
		type: 'resourceLocator',
		default: {
			mode: 'list',
			value: '',
		},
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod: 'searchMembers',
					searchable: true,
				},
			},
			{
				displayName: 'By Subscriber Hash',
				name: 'id',
				type: 'string',
			},
		],
		routing: {
			request: {
				url: '=/lists/{{ encodeURIComponent($credentials.listId) }}/members/{{ encodeURIComponent($value) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['member'],
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
				resource: ['member'],
				operation: ['update'],
			},
		},
		options: [
			{
				displayName: 'Email Type',
				name: 'emailType',
				type: 'options',
				options: [
					{
						name: 'HTML',
						value: 'html',
					},
					{
						name: 'Plain Text',
						value: 'text',
					},
				],
				default: 'html',
				routing: {
					send: {
						type: 'body',
						property: 'email_type',
					},
				},
			},
			{
				displayName: 'Merge Fields',
				name: 'mergeFields',
				type: 'fixedCollection',
				typeOptions: {
					multipleValues: true,
				},
				placeholder: 'Add Entry',
				default: {},
				options: [
					{
						displayName: 'Entry',
						name: 'entry',
						values: [
							{
								displayName: 'Key',
								name: 'key',
								type: 'string',
								default: '',
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								default: '',
							},
						],
					},
				],
				description: 'Values of the audience\'s merge fields by tag, such as FNAME and LNAME',
				routing: {
					send: {
						type: 'body',
						property: 'merge_fields',
						value: '={{ ($value.entry || []).filter((e) => e.key !== \'\').reduce((o, e) => Object.assign(o, { [e.key]: e.value }), {}) }}',
					},
				},
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{
						name: 'Archived',
						value: 'archived',
					},
					{
						name: 'Cleaned',
						value: 'cleaned',
					},
					{
						name: 'Pending',
						value: 'pending',
					},
					{
						name: 'Subscribed',
						value: 'subscribed',
					},
					{
						name: 'Transactional',
						value: 'transactional',
					},
					{
						name: 'Unsubscribed',
						value: 'unsubscribed',
					},
				],
				default: 'archived',
				routing: {
					send: {
						type: 'body',
						property: 'status',
					},
				},
			},
		],
	},
];
