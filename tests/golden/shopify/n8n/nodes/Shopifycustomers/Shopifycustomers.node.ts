import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { customerDescription } from './resources/customer';
import { searchCustomers } from './listSearch';

export class Shopifycustomers implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Shopify Customers',
		name: 'shopifycustomers',
		icon: {
			light: 'file:../../icons/shopifycustomers.svg',
			dark: 'file:../../icons/shopifycustomers.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, update, find and delete the customers of a Shopify shop through the Admin REST API.',
		defaults: {
			name: 'Shopify Customers',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'shopifycustomersApi',
				required: true,
			},
		],
		requestDefaults: {
			baseURL: '=https://{{$credentials.shop}}.myshopify.com/admin/api/{{$credentials.apiVersion}}',
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
						name: 'Customer',
						value: 'customer',
					},
				],
				default: 'customer',
			},
			...customerDescription,
		],
	};

	methods = {
		listSearch: {
			searchCustomers,
		},
	};
}
