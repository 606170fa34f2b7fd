import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class ShopifycustomersApi implements ICredentialType {
	name = 'shopifycustomersApi';

	displayName = 'Shopify Customers API';

	icon: Icon = {
		light: 'file:../icons/shopifycustomers.svg',
		dark: 'file:../icons/shopifycustomers.dark.svg',
	};

	documentationUrl = 'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/generate-app-access-tokens-admin';

	properties: INodeProperties[] = [
		{
			displayName: 'Shop Subdomain',
			name: 'shop',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. acme',
			description: 'The part of your shop\'s admin address before .myshopify.com',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			options: [
				{
					name: '2024-07',
					value: '2024-07',
				},
				{
					name: '2024-10',
					value: '2024-10',
				},
				{
					name: '2025-01',
					value: '2025-01',
				},
			],
			required: true,
			default: '2024-10',
			description: 'The dated Admin API release to call',
		},
		{
			displayName: 'Admin API Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: {
				password: true,
			},
			required: true,
			default: '',
			description: 'The Admin API access token of your shop\'s custom app (Settings, Apps and sales channels, Develop apps)',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-Shopify-Access-Token': '={{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '=https://{{$credentials.shop}}.myshopify.com/admin/api/{{$credentials.apiVersion}}',
			url: '/shop.json',
			method: 'GET',
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/json',
			},
		},
	};
}
