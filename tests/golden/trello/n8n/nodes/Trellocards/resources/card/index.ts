import type { INodeProperties } from 'n8n-workflow';
import { emptyOnStatus, entries, notePage, omitEmpty, pages, sendRequest, simplify } from '../../shared/routing';
import { cardCreateDescription } from './create';
import { cardUpdateDescription } from './update';
import { cardGetDescription } from './get';
import { cardSearchDescription } from './search';
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
				action: 'Create card',
				routing: {
					request: {
						method: 'POST',
						url: '/cards',
					},
					output: {
						postReceive: [simplify([
	'id',
	'name',
	'idList',
	'desc',
	'idBoard',
	'closed',
	'due',
	'dueComplete',
	'idLabels',
	'labels',
])],
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
				action: 'Delete card',
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
				name: 'Get',
				value: 'get',
				description: 'Finds a card by its ID',
				action: 'Get card',
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
							simplify([
	'id',
	'name',
	'idList',
	'desc',
	'idBoard',
	'closed',
	'due',
	'dueComplete',
	'idLabels',
	'labels',
]),
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
						postReceive: [entries, simplify([
	'id',
	'name',
	'idList',
	'desc',
	'idBoard',
	'closed',
	'due',
	'dueComplete',
	'idLabels',
	'labels',
]), notePage([], [])],
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
				name: 'Search',
				value: 'search',
				description: 'Finds open cards on your boards whose name or description holds every word of the text',
				action: 'Search cards',
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
							simplify([
	'id',
	'name',
	'idList',
	'desc',
	'idBoard',
	'closed',
	'due',
	'dueComplete',
	'idLabels',
	'labels',
]),
							notePage(['cards'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/card/pagination', 100, 'Search Cards', null, 'json', true),
					},
				},
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Updates a card\'s name or description',
				action: 'Update card',
				routing: {
					request: {
						method: 'PUT',
					},
					output: {
						postReceive: [simplify([
	'id',
	'name',
	'idList',
	'desc',
	'idBoard',
	'closed',
	'due',
	'dueComplete',
	'idLabels',
	'labels',
])],
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
	...cardSearchDescription,
	...cardGetAllDescription,
	...cardDeleteDescription,
];
