import type { INodeProperties } from 'n8n-workflow';
import { emptyOnStatus, entries, notePage, omitEmpty, pages, sendRequest } from '../../shared/routing';
import { cardCreateDescription } from './create';
import { cardUpdateDescription } from './update';
import { cardGetDescription } from './get';
import { cardFindDescription } from './find';
import { cardGetAllDescription } from './getAll';
import { cardDeleteDescription } from './delete';

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
	...cardCreateDescription,
	...cardUpdateDescription,
	...cardGetDescription,
	...cardFindDescription,
	...cardGetAllDescription,
	...cardDeleteDescription,
];
