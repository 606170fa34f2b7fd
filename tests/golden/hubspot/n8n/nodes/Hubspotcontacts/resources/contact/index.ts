import type { INodeProperties } from 'n8n-workflow';
import { emptyOnStatus, notePage, omitEmpty, pages, sendRequest } from '../../shared/routing';
import { contactCreateDescription } from './create';
import { contactUpdateDescription } from './update';
import { contactGetDescription } from './get';
import { contactSearchDescription } from './search';
import { contactGetAllDescription } from './getAll';
import { contactArchiveDescription } from './archive';

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
				action: 'Archive contact',
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
				action: 'Create contact',
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
				action: 'Get contact',
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
				name: 'Search',
				value: 'search',
				description: 'Finds contacts whose default searchable properties hold the text (HubSpot\'s CRM search)',
				action: 'Search contacts',
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
							notePage(['results'], []),
						],
					},
					send: {
						paginate: true,
						preSend: [omitEmpty],
					},
					operations: {
						pagination: pages('operations/search_contacts/pagination', 200, 'Search Contacts', null, 'json', true),
					},
				},
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Updates a contact\'s properties; empty text clears a property',
				action: 'Update contact',
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
	...contactCreateDescription,
	...contactUpdateDescription,
	...contactGetDescription,
	...contactSearchDescription,
	...contactGetAllDescription,
	...contactArchiveDescription,
];
