import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class TrellocardsApi implements ICredentialType {
	name = 'trellocardsApi';

	displayName = 'Trello Cards API';

	icon: Icon = {
		light: 'file:../icons/trellocards.svg',
		dark: 'file:../icons/trellocards.dark.svg',
	};

	documentationUrl = 'https://developer.atlassian.com/cloud/trello/guides/rest-api/authorization/';

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
			description: 'The API key of your Trello Power-Up (Trello\'s admin page for Power-Ups and integrations)',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: {
				password: true,
			},
			required: true,
			default: '',
			description: 'A token you authorized for this API key, with read and write scope',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			qs: {
				key: '={{$credentials.apiKey}}',
				token: '={{$credentials.token}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: 'https://api.trello.com/1',
			url: '/members/me',
			method: 'GET',
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/json',
			},
		},
	};
}
