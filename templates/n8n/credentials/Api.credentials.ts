import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class {{ credential.class }} implements ICredentialType {
	name = {{ credential.name | quote }};

	displayName = {{ credential.displayName | quote }};

	icon: Icon = {{ credential.icon | ts(1) }};

	documentationUrl = {{ credential.documentationUrl | quote }};

	properties: INodeProperties[] = {{ credential.properties | ts(1) }};

	authenticate: IAuthenticateGeneric = {{ credential.authenticate | ts(1) }};

	test: ICredentialTestRequest = {{ credential.test | ts(1) }};
}
