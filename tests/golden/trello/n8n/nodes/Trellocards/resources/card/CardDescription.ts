import type { INodeProperties } from 'n8n-workflow';
import { asDateTime, emptyOnStatus, entries, notePage, omitEmpty, pages, sendRequest } from '../../shared/routing';

export const cardDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: {
			show: {
				resource: ['card'],
			},
		},
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Creates a card at the bottom of a list',
				action: 'Create a card',
				routing: {
					request: {
						method: 'POST',
						url: '/cards',
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
				name: 'Delete',
				value: 'delete',
				description: 'Deletes a card for good (archive it instead to keep it)',
				action: 'Delete a card',
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
				description: 'Finds open cards on your boards whose name or description holds every word of the text',
				action: 'Find a card',
				routing: {
					request: {
						method: 'GET',
						url: '/search',
						qs: {
							modelTypes: 'cards',
							cards_limit: 10,
						},
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'cards',
								},
							},
							{
								type: 'limit',
								properties: {
									maxResults: 10,
								},
							},
							notePage(['cards'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/card/pagination', 100, 'Search Cards', 10),
					},
				},
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Finds a card by its ID',
				action: 'Get a card',
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
				description: 'Lists the open cards of a list (Trello answers them in one bare array)',
				action: 'Get many cards',
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
						pagination: pages('resources/card/pagination', 100, 'List Cards', null),
					},
				},
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Updates a card\'s name or description',
				action: 'Update a card',
				routing: {
					request: {
						method: 'PUT',
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
		displayName: 'List ID',
		name: 'idList',
		type: 'string',
		default: '',
		description: 'The list the card is in',
		routing: {
			send: {
				type: 'body',
				property: 'idList',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['card'],
				operation: ['create'],
			},
		},
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		routing: {
			send: {
				type: 'body',
				property: 'name',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['card'],
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
				resource: ['card'],
				operation: ['create'],
			},
		},
		options: [
			{
				displayName: 'Description',
				name: 'desc',
				type: 'string',
				default: '',
				routing: {
					send: {
						type: 'body',
						property: 'desc',
					},
				},
			},
			{
				displayName: 'Due',
				name: 'due',
				type: 'dateTime',
				default: '',
				description: 'When the card is due',
				routing: {
					send: {
						type: 'body',
						property: 'due',
						preSend: [asDateTime('body', 'due', 'iso8601', 'Due must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z) or a date (YYYY-MM-DD).')],
					},
				},
			},
			{
				displayName: 'Label IDs',
				name: 'idLabels',
				type: 'string',
				default: [],
				typeOptions: {
					multipleValues: true,
				},
				description: 'The board\'s labels to put on the card',
				routing: {
					send: {
						type: 'body',
						property: 'idLabels',
					},
				},
			},
		],
	},
	{
		displayName: 'Card ID',
		name: 'cardId',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/cards/{{ encodeURIComponent($value) }}',
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
				resource: ['card'],
				operation: ['delete'],
			},
		},
	},
	{
		displayName: 'Search Text',
		name: 'query',
		type: 'string',
		default: '',
		description: 'Words the card\'s name or description holds',
		routing: {
			send: {
				type: 'query',
				property: 'query',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['card'],
				operation: ['find'],
			},
		},
	},
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
	{
		displayName: 'List ID',
		name: 'idList',
		type: 'string',
		default: '',
		description: 'The list the card is in',
		routing: {
			request: {
				url: '=/lists/{{ encodeURIComponent($value) }}/cards',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['card'],
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
				resource: ['card'],
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
				resource: ['card'],
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
				resource: ['card'],
				operation: ['update'],
			},
		},
		options: [
			{
				displayName: 'Description',
				name: 'desc',
				type: 'string',
				default: '',
				routing: {
					send: {
						type: 'body',
						property: 'desc',
					},
				},
			},
			{
				displayName: 'Due',
				name: 'due',
				type: 'dateTime',
				default: '',
				description: 'When the card is due',
				routing: {
					send: {
						type: 'body',
						property: 'due',
						preSend: [asDateTime('body', 'due', 'iso8601', 'Due must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z) or a date (YYYY-MM-DD).')],
					},
				},
			},
			{
				displayName: 'Due Complete',
				name: 'dueComplete',
				type: 'boolean',
				default: false,
				description: 'Whether to due complete',
				routing: {
					send: {
						type: 'body',
						property: 'dueComplete',
					},
				},
			},
			{
				displayName: 'Label IDs',
				name: 'idLabels',
				type: 'string',
				default: [],
				typeOptions: {
					multipleValues: true,
				},
				description: 'The board\'s labels to put on the card',
				routing: {
					send: {
						type: 'body',
						property: 'idLabels',
					},
				},
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				routing: {
					send: {
						type: 'body',
						property: 'name',
					},
				},
			},
		],
	},
];
