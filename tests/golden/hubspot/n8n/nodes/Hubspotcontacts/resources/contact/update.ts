import type { INodeProperties } from 'n8n-workflow';

export const contactUpdateDescription: INodeProperties[] = [
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
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['contact'],
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
				resource: ['contact'],
				operation: ['update'],
			},
		},
		options: [
			{
				displayName: 'Email',
				name: 'propertiesEmail',
				type: 'string',
				default: '',
				placeholder: 'name@email.com',
				routing: {
					send: {
						type: 'body',
						property: 'properties.email',
					},
				},
			},
			{
				displayName: 'First Name',
				name: 'propertiesFirstname',
				type: 'string',
				default: '',
				routing: {
					send: {
						type: 'body',
						property: 'properties.firstname',
					},
				},
			},
			{
				displayName: 'Last Name',
				name: 'propertiesLastname',
				type: 'string',
				default: '',
				routing: {
					send: {
						type: 'body',
						property: 'properties.lastname',
					},
				},
			},
		],
	},
];
