import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class MailchimpmembersApi implements ICredentialType {
	name = 'mailchimpmembersApi';

	displayName = 'Mailchimp Members API';

	icon: Icon = {
		light: 'file:../icons/mailchimpmembers.svg',
		dark: 'file:../icons/mailchimpmembers.dark.svg',
	};

	documentationUrl = 'https://mailchimp.com/help/about-api-keys/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: {
				password: true,
			},
			required: true,
			default: '',
			description: 'Create an API key under Profile, Extras, API keys. It ends in your data center, such as -us6.',
		},
		{
			displayName: 'Audience ID',
			name: 'listId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. a1b2c3d4e5',
			description: 'The audience\'s ID, under Audience, Settings, Audience name and defaults',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: 'connector-gen',
				password: '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '=https://{{(String($credentials.apiKey || \'\').match(new RegExp("-([a-z]+[0-9]+)$")) || [])[1]}}.api.mailchimp.com/3.0',
			url: '/',
			method: 'GET',
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/json',
			},
		},
	};
}
