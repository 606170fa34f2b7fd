import type { INodeProperties } from 'n8n-workflow';
import { emptyOnStatus, notePage, omitEmpty, pages, sendRequest, simplify } from '../../shared/routing';
import { customerCreateDescription } from './create';
import { customerUpdateDescription } from './update';
import { customerGetDescription } from './get';
import { customerSearchDescription } from './search';
import { customerGetAllDescription } from './getAll';
import { customerDeleteDescription } from './delete';

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
				action: 'Create customer',
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
							simplify([
	'id',
	'email',
	'first_name',
	'last_name',
	'phone',
	'note',
	'tags',
	'state',
	'verified_email',
	'currency',
]),
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
				action: 'Delete customer',
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
				description: 'Finds a customer by ID',
				action: 'Get customer',
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
							simplify([
	'id',
	'email',
	'first_name',
	'last_name',
	'phone',
	'note',
	'tags',
	'state',
	'verified_email',
	'currency',
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
							simplify([
	'id',
	'email',
	'first_name',
	'last_name',
	'phone',
	'note',
	'tags',
	'state',
	'verified_email',
	'currency',
]),
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
				name: 'Search',
				value: 'search',
				description: 'Finds customers by Shopify\'s customer search (words, or field:value terms)',
				action: 'Search customers',
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
							simplify([
	'id',
	'email',
	'first_name',
	'last_name',
	'phone',
	'note',
	'tags',
	'state',
	'verified_email',
	'currency',
]),
							notePage(['customers'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/customer/pagination', 10, 'Find Customers', null, 'json', true),
					},
				},
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Updates a customer\'s details',
				action: 'Update customer',
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
							simplify([
	'id',
	'email',
	'first_name',
	'last_name',
	'phone',
	'note',
	'tags',
	'state',
	'verified_email',
	'currency',
]),
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
	...customerCreateDescription,
	...customerUpdateDescription,
	...customerGetDescription,
	...customerSearchDescription,
	...customerGetAllDescription,
	...customerDeleteDescription,
];
