import type { INodeProperties } from 'n8n-workflow';

export const customerUpdateDescription: INodeProperties[] = [
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
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		displayOptions: {
			show: {
				resource: ['customer'],
				operation: ['update'],
			},
		},
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
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
