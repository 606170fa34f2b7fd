import type { INodeProperties } from 'n8n-workflow';

export const contactArchiveDescription: INodeProperties[] = [
	{
		displayName: 'Contact ID',
		name: 'contactId',
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
					searchListMethod: 'searchContacts',
					searchable: true,
				},
			},
			{
				displayName: 'By Contact ID',
				name: 'id',
				type: 'string',
			},
		],
		routing: {
			request: {
				url: '=/crm/v3/objects/contacts/{{ encodeURIComponent($value) }}',
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
				resource: ['contact'],
				operation: ['archive'],
			},
		},
	},
];
