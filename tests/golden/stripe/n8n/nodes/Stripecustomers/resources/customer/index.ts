import type { INodeProperties } from 'n8n-workflow';
import { isoTimes, notePage, omitEmpty, pages, sendRequest, simplify } from '../../shared/routing';
import { customerCreateDescription } from './create';
import { customerUpdateDescription } from './update';
import { customerGetAllDescription } from './getAll';
import { customerSearchDescription } from './search';
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
				description: 'Creates a customer; Stripe reads the form-encoded body',
				action: 'Create customer',
				routing: {
					request: {
						method: 'POST',
						url: '/customers',
					},
					output: {
						postReceive: [isoTimes([['created', 'created_iso', 'epoch_s']]), simplify([
	'id',
	'object',
	'email',
	'name',
	'description',
	'phone',
	'metadata',
	'balance',
	'delinquent',
	'livemode',
])],
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
							simplify([
	'id',
	'object',
	'email',
	'name',
	'description',
	'phone',
	'metadata',
	'balance',
	'delinquent',
	'livemode',
]),
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
				name: 'Search',
				value: 'search',
				description: 'Finds customers with Stripe\'s search query language (new or changed customers can take a minute to show)',
				action: 'Search customers',
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
							isoTimes([['created', 'created_iso', 'epoch_s']]),
							simplify([
	'id',
	'object',
	'email',
	'name',
	'description',
	'phone',
	'metadata',
	'balance',
	'delinquent',
	'livemode',
]),
							notePage(['data'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('operations/search_customers/pagination', 10, 'Search Customers', null, 'json', true),
					},
				},
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Changes a customer; fields left empty stay as they are, metadata keys are merged',
				action: 'Update customer',
				routing: {
					request: {
						method: 'POST',
					},
					output: {
						postReceive: [isoTimes([['created', 'created_iso', 'epoch_s']]), simplify([
	'id',
	'object',
	'email',
	'name',
	'description',
	'phone',
	'metadata',
	'balance',
	'delinquent',
	'livemode',
])],
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
	...customerCreateDescription,
	...customerUpdateDescription,
	...customerGetAllDescription,
	...customerSearchDescription,
	...customerDeleteDescription,
];
