import type { INodeProperties } from 'n8n-workflow';

export const customerDeleteDescription: INodeProperties[] = [
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
];
