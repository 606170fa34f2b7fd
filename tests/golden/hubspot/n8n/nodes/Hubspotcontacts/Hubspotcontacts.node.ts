import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { contactDescription } from './resources/contact';
import { searchContacts } from './listSearch';

export class Hubspotcontacts implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HubSpot Contacts',
		name: 'hubspotcontacts',
		icon: {
			light: 'file:../../icons/hubspotcontacts.svg',
			dark: 'file:../../icons/hubspotcontacts.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, update, find and archive the contacts of a HubSpot account through the CRM v3 API.',
		defaults: {
			name: 'HubSpot Contacts',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'hubspotcontactsOAuth2Api',
				required: true,
			},
		],
		requestDefaults: {
			baseURL: 'https://api.hubapi.com',
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/json',
			},
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Contact',
						value: 'contact',
					},
				],
				default: 'contact',
			},
			...contactDescription,
		],
	};

	methods = {
		listSearch: {
			searchContacts,
		},
	};
}
