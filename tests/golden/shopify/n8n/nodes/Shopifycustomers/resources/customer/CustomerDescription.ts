import type { INodeProperties } from 'n8n-workflow';
import { asDateTime, emptyOnStatus, notePage, omitEmpty, pages, sendRequest } from '../../shared/routing';

export const customerDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: {
			show: {
				resource: ['customer'],
			},
		},
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Creates a customer',
				action: 'Create a customer',
				routing: {
					request: {
						method: 'POST',
						url: '/customers.json',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'customer',
								},
							},
						],
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
				name: 'Delete',
				value: 'delete',
				description: 'Deletes a customer who has no orders',
				action: 'Delete a customer',
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
				name: 'Find',
				value: 'find',
				description: 'Finds customers by Shopify\'s customer search (words, or field:value terms)',
				action: 'Find a customer',
				routing: {
					request: {
						method: 'GET',
						url: '/customers/search.json',
						qs: {
							limit: 10,
						},
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'customers',
								},
							},
							{
								type: 'limit',
								properties: {
									maxResults: 10,
								},
							},
							notePage(['customers'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/customer/pagination', 10, 'Find Customers', 10),
					},
				},
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Finds a customer by ID',
				action: 'Get a customer',
				routing: {
					request: {
						method: 'GET',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'customer',
								},
							},
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
				description: 'Lists customers, oldest first, optionally only those created or updated since a moment',
				action: 'Get many customers',
				routing: {
					request: {
						method: 'GET',
						url: '/customers.json',
						qs: {
							limit: 250,
						},
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'customers',
								},
							},
							notePage(['customers'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/customer/pagination', 250, 'List Customers', null),
					},
				},
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Updates a customer\'s details',
				action: 'Update a customer',
				routing: {
					request: {
						method: 'PUT',
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'customer',
								},
							},
						],
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
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '',
		placeholder: 'name@email.com',
		routing: {
			send: {
				type: 'body',
				property: 'customer.email',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['customer'],
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
				resource: ['customer'],
				operation: ['create'],
			},
		},
		options: [
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Bob',
				routing: {
					send: {
						type: 'body',
						property: 'customer.first_name',
					},
				},
			},
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Norman',
				routing: {
					send: {
						type: 'body',
						property: 'customer.last_name',
					},
				},
			},
			{
				displayName: 'Note',
				name: 'note',
				type: 'string',
				default: '',
				placeholder: 'e.g. Prefers email.',
				routing: {
					send: {
						type: 'body',
						property: 'customer.note',
					},
				},
			},
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				description: 'In E.164 form, such as +16135551111',
				routing: {
					send: {
						type: 'body',
						property: 'customer.phone',
					},
				},
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				description: 'Comma-separated tags, such as: vip, wholesale',
				routing: {
					send: {
						type: 'body',
						property: 'customer.tags',
					},
				},
			},
		],
	},
	{
		displayName: 'Customer ID',
		name: 'customerId',
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
					searchListMethod: 'searchCustomers',
					searchable: true,
				},
			},
			{
				displayName: 'By Customer ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 207119551',
			},
		],
		routing: {
			request: {
				url: '=/customers/{{ encodeURIComponent($value) }}.json',
			},
			output: {
				postReceive: [
					{
						type: 'set',
						properties: {
							value: '={{ { "id": (/^\\d+$/.test(String($value)) ? Number($value) : $value), "deleted": true } }}',
						},
					},
				],
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['customer'],
				operation: ['delete'],
			},
		},
	},
	{
		displayName: 'Search Text',
		name: 'query',
		type: 'string',
		default: '',
		description: 'Words, or field:value terms such as email:bob@example.com',
		routing: {
			send: {
				type: 'query',
				property: 'query',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['customer'],
				operation: ['find'],
			},
		},
	},
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'number',
		typeOptions: {
			numberPrecision: 0,
		},
		default: 0,
		routing: {
			request: {
				url: '=/customers/{{ encodeURIComponent($value) }}.json',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['customer'],
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
				resource: ['customer'],
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
				resource: ['customer'],
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
				resource: ['customer'],
				operation: ['getAll'],
			},
		},
		options: [
			{
				displayName: 'Created Since',
				name: 'createdAtMin',
				type: 'dateTime',
				default: '',
				routing: {
					send: {
						type: 'query',
						property: 'created_at_min',
						preSend: [asDateTime('query', 'created_at_min', 'iso8601', 'Created Since must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z) or a date (YYYY-MM-DD).')],
					},
				},
			},
			{
				displayName: 'Updated Since',
				name: 'updatedAtMin',
				type: 'dateTime',
				default: '',
				routing: {
					send: {
						type: 'query',
						property: 'updated_at_min',
						preSend: [asDateTime('query', 'updated_at_min', 'iso8601', 'Updated Since must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z) or a date (YYYY-MM-DD).')],
					},
				},
			},
		],
	},
	{
		displayName: 'Customer ID',
		name: 'customerId',
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
					searchListMethod: 'searchCustomers',
					searchable: true,
				},
			},
			{
				displayName: 'By Customer ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 207119551',
			},
		],
		routing: {
			request: {
				url: '=/customers/{{ encodeURIComponent($value) }}.json',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['customer'],
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
				resource: ['customer'],
				operation: ['update'],
			},
		},
		options: [
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Bob',
				routing: {
					send: {
						type: 'body',
						property: 'customer.first_name',
					},
				},
			},
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Norman',
				routing: {
					send: {
						type: 'body',
						property: 'customer.last_name',
					},
				},
			},
			{
				displayName: 'Note',
				name: 'note',
				type: 'string',
				default: '',
				placeholder: 'e.g. Prefers email.',
				routing: {
					send: {
						type: 'body',
						property: 'customer.note',
					},
				},
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				description: 'Comma-separated tags, such as: vip, wholesale',
				routing: {
					send: {
						type: 'body',
						property: 'customer.tags',
					},
				},
			},
		],
	},
];
