import type { INodeProperties } from 'n8n-workflow';
import { notePage, pages } from '../../shared/routing';

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
				name: 'Find',
				value: 'findMember',
				description: 'Finds a member whose email, username, name or ID is the text you give (email, username and name in any case)',
				action: 'Find a member',
				routing: {
					request: {
						method: 'GET',
						url: '/members',
						qs: {
							max: 50,
						},
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'data.items',
								},
							},
							{
								type: 'filter',
								properties: {
									pass: '={{ [$responseItem.email, $responseItem.username, $responseItem.name, $responseItem.id].map(String).includes(String($parameter[\'query\']).trim()) }}',
								},
							},
							{
								type: 'limit',
								properties: {
									maxResults: 1,
								},
							},
							notePage(['data', 'items'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/member/pagination', 50, 'Find Member', 1),
					},
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Lists the members of the account',
				action: 'Get many members',
				routing: {
					request: {
						method: 'GET',
						url: '/members',
						qs: {
							max: 50,
						},
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'data.items',
								},
							},
							notePage(['data', 'items'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/member/pagination', 50, 'List Members', null),
					},
				},
			},
		],
		default: 'findMember',
	},
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
				displayName: 'Search Text',
				name: 'query',
				type: 'string',
				default: '',
				description: 'Only members whose email, username, name or ID contains this text',
				routing: {
					send: {
						type: 'query',
						property: 'query',
					},
				},
			},
		],
	},
];
