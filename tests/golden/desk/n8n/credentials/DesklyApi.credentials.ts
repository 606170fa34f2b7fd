import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class DesklyApi implements ICredentialType {
	name = 'desklyApi';

	displayName = 'Deskly API';

	icon: Icon = {
		light: 'file:../icons/deskly.svg',
		dark: 'file:../icons/deskly.dark.svg',
	};

	documentationUrl = 'https://deskly.test/docs/token';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: {
				password: true,
			},
			required: true,
			default: '',
			description: 'Paste your Deskly token',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-Desk-Token': '={{$credentials.token}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: 'https://api.deskly.test/api/v2',
			url: '/me',
			method: 'GET',
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/json',
			},
		},
	};
}
