import type { INodeProperties } from 'n8n-workflow';
import { emptyOnStatus, omitEmpty, sendRequest } from '../../shared/routing';

export const contactDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: {
			show: {
				resource: ['contact'],
			},
		},
		options: [
			{
				name: 'Archive',
				value: 'archive',
				description: 'Archives a contact (HubSpot\'s delete; it can be restored for 90 days)',
				action: 'Archive a contact',
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
				name: 'Create',
				value: 'create',
				description: 'Creates a contact; the email address must not belong to another contact',
				action: 'Create a contact',
				routing: {
					request: {
						method: 'POST',
						url: '/crm/v3/objects/contacts',
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
				name: 'Get',
				value: 'get',
				description: 'Finds a contact by its HubSpot ID',
				action: 'Get a contact',
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
				name: 'Update',
				value: 'update',
				description: 'Updates a contact\'s properties; empty text clears a property',
				action: 'Update a contact',
				routing: {
					request: {
						method: 'PATCH',
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
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/crm/v3/objects/contacts/{{ encodeURIComponent($value) }}',
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
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: {
			show: {
				resource: ['contact'],
				operation: ['create'],
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
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		default: '',
		routing: {
			request: {
				url: '=/crm/v3/objects/contacts/{{ encodeURIComponent($value) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['contact'],
				operation: ['get'],
			},
		},
	},
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		default: '',
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
