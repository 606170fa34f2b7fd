import type { INodeProperties } from 'n8n-workflow';
import { emptyOnStatus, notePage, omitEmpty, pages, sendRequest } from '../../shared/routing';

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
				name: 'Find',
				value: 'find',
				description: 'Finds contacts whose default searchable properties hold the text (HubSpot\'s CRM search)',
				action: 'Find a contact',
				routing: {
					request: {
						method: 'POST',
						url: '/crm/v3/objects/contacts/search',
						body: {
							properties: ['email', 'firstname', 'lastname'],
						},
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'results',
								},
							},
							{
								type: 'limit',
								properties: {
									maxResults: 10,
								},
							},
							notePage(['results'], []),
						],
					},
					send: {
						paginate: true,
						preSend: [omitEmpty],
					},
					operations: {
						pagination: pages('operations/search_contacts/pagination', 200, 'Search Contacts', 10),
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
				name: 'Get Many',
				value: 'getAll',
				description: 'Lists the first 100 contacts that are not archived',
				action: 'Get many contacts',
				routing: {
					request: {
						method: 'GET',
						url: '/crm/v3/objects/contacts',
						qs: {
							limit: 100,
							archived: false,
						},
					},
					output: {
						postReceive: [
							{
								type: 'rootProperty',
								properties: {
									property: 'results',
								},
							},
							notePage(['results'], []),
						],
					},
					send: {
						paginate: true,
					},
					operations: {
						pagination: pages('resources/contact/pagination', 100, 'List Contacts', null),
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
		displayName: 'Search Text',
		name: 'query',
		type: 'string',
		default: '',
		description: 'Text HubSpot looks for in the contacts\' default searchable properties (name, email, phone, company)',
		routing: {
			send: {
				type: 'body',
				property: 'query',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['contact'],
				operation: ['find'],
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
				operation: ['get'],
			},
		},
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		displayOptions: {
			show: {
				resource: ['contact'],
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
				resource: ['contact'],
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
