import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class StripecustomersApi implements ICredentialType {
	name = 'stripecustomersApi';

	displayName = 'Stripe Customers API';

	icon: Icon = {
		light: 'file:../icons/stripecustomers.svg',
		dark: 'file:../icons/stripecustomers.dark.svg',
	};

	documentationUrl = 'https://docs.stripe.com/keys';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: {
				password: true,
			},
			required: true,
			default: '',
			description: 'A secret key (sk_live_ or sk_test_) or a restricted key (rk_) from the Developers, API keys page of your Stripe Dashboard',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.secretKey}}',
				password: '',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: 'https://api.stripe.com/v1',
			url: '/account',
			method: 'GET',
			headers: {
				Accept: 'application/json',
				'Stripe-Version': '2026-09-30.endive',
			},
		},
	};
}
