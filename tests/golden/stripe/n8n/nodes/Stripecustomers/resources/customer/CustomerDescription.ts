import type { INodeProperties } from 'n8n-workflow';
import { asDateTime, isoTimes, notePage, omitEmpty, pages, sendRequest } from '../../shared/routing';

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
				description: 'Creates a customer; Stripe reads the form-encoded body',
				action: 'Create a customer',
				routing: {
					request: {
						method: 'POST',
						url: '/customers',
					},
					output: {
						postReceive: [isoTimes([['created', 'created_iso', 'epoch_s']])],
					},
					send: {
						paginate: true,
						preSend: [omitEmpty],
					},
					operations: {
						pagination: sendRequest('form'),
					},
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Deletes a customer for good and cancels their subscriptions; Stripe answers with a tombstone',
				action: 'Delete a customer',
				routing: {
					request: {
						method: 'DELETE',
					},
					output: {
						postReceive: [isoTimes([['created', 'created_iso', 'epoch_s']])],
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
				description: 'Finds customers with Stripe\'s search query language (new or changed customers can take a minute to show)',
				action: 'Find a customer',
				routing: {
					request: {
						method: 'GET',
						url: '/customers/search',
						qs: {
							limit: 10,
						},
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'data',
								},
							},
							{
								type: 'limit',
								properties: {
									maxResults: 10,
								},
							},
							isoTimes([['created', 'created_iso', 'epoch_s']]),
							notePage(['data'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('operations/search_customers/pagination', 10, 'Search Customers', 10),
					},
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Lists customers, newest first',
				action: 'Get many customers',
				routing: {
					request: {
						method: 'GET',
						url: '/customers',
						qs: {
							limit: 100,
						},
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'data',
								},
							},
							isoTimes([['created', 'created_iso', 'epoch_s']]),
							notePage(['data'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/customer/pagination', 100, 'List Customers', null),
					},
				},
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Changes a customer; fields left empty stay as they are, metadata keys are merged',
				action: 'Update a customer',
				routing: {
					request: {
						method: 'POST',
					},
					output: {
						postReceive: [isoTimes([['created', 'created_iso', 'epoch_s']])],
					},
					send: {
						paginate: true,
						preSend: [omitEmpty],
					},
					operations: {
						pagination: sendRequest('form'),
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
				property: 'email',
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
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				placeholder: 'e.g. A customer made by connector-gen',
				routing: {
					send: {
						type: 'body',
						property: 'description',
					},
				},
			},
			{
				displayName: 'Metadata',
				name: 'metadata',
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
				description: 'Your own keys and text values (up to 50 keys; no square brackets in a key). An empty value removes a key.',
				routing: {
					send: {
						type: 'body',
						property: 'metadata',
						value: '={{ ($value.entry || []).filter((e) => e.key !== \'\').reduce((o, e) => Object.assign(o, { [e.key]: e.value }), {}) }}',
					},
				},
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Jenny Rosen',
				routing: {
					send: {
						type: 'body',
						property: 'name',
					},
				},
			},
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				placeholder: 'e.g. +14155550100',
				routing: {
					send: {
						type: 'body',
						property: 'phone',
					},
				},
			},
		],
	},
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/customers/{{ encodeURIComponent($value) }}',
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
		displayName: 'Search Query',
		name: 'query',
		type: 'string',
		default: '',
		description: 'Stripe\'s search query language, e.g. email:\'jenny@example.com\' or metadata[\'source\']:\'web\'',
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
				name: 'createdGte',
				type: 'dateTime',
				default: '',
				routing: {
					send: {
						type: 'query',
						property: 'created[gte]',
						propertyInDotNotation: false,
						preSend: [asDateTime('query', 'created[gte]', 'epoch_s', 'Created Since must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z), a date (YYYY-MM-DD) or a number of seconds since 1970.')],
					},
				},
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				default: '',
				placeholder: 'name@email.com',
				description: 'Only customers with exactly this email address (case-sensitive)',
				routing: {
					send: {
						type: 'query',
						property: 'email',
					},
				},
			},
		],
	},
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/customers/{{ encodeURIComponent($value) }}',
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
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				placeholder: 'e.g. A customer made by connector-gen',
				routing: {
					send: {
						type: 'body',
						property: 'description',
					},
				},
			},
			{
				displayName: 'Metadata',
				name: 'metadata',
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
				description: 'Your own keys and text values (up to 50 keys; no square brackets in a key). An empty value removes a key.',
				routing: {
					send: {
						type: 'body',
						property: 'metadata',
						value: '={{ ($value.entry || []).filter((e) => e.key !== \'\').reduce((o, e) => Object.assign(o, { [e.key]: e.value }), {}) }}',
					},
				},
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Jenny Rosen',
				routing: {
					send: {
						type: 'body',
						property: 'name',
					},
				},
			},
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				placeholder: 'e.g. +14155550100',
				routing: {
					send: {
						type: 'body',
						property: 'phone',
					},
				},
			},
		],
	},
];
