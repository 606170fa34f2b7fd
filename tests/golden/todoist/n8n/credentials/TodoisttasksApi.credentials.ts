import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class TodoisttasksApi implements ICredentialType {
	name = 'todoisttasksApi';

	displayName = 'Todoist Tasks API';

	icon: Icon = {
		light: 'file:../icons/todoisttasks.svg',
		dark: 'file:../icons/todoisttasks.dark.svg',
	};

	documentationUrl = 'https://www.todoist.com/help/articles/find-your-api-token-Jpzx9IIlB';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: {
				password: true,
			},
			required: true,
			default: '',
			description: 'Your personal API token, under Settings, Integrations, Developer in Todoist',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: 'https://api.todoist.com/api/v1',
			url: '/user',
			method: 'GET',
			headers: {
				Accept: 'application/json',
			},
		},
	};
}
