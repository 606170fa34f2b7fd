import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class HellotracksApi implements ICredentialType {
	name = 'hellotracksApi';

	displayName = 'Hellotracks API';

	icon: Icon = {
		light: 'file:../icons/hellotracks.svg',
		dark: 'file:../icons/hellotracks.dark.svg',
	};

	documentationUrl = 'https://help.hellotracks.com/api';

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
			description: 'Create an API key in Hellotracks under More -> API & Integrations, then paste it here',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'API-Key': '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: 'https://api.hellotracks.com/v1',
			url: '/auth/whoami',
			method: 'GET',
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/json',
			},
		},
	};
}
