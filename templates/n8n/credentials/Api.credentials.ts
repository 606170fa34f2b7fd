import type {
{% if credential.authenticate %}
	IAuthenticateGeneric,
{% endif %}
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class {{ credential.class }} implements ICredentialType {
	name = {{ credential.name | quote }};
{% if credential.extends %}

	extends = {{ credential.extends | ts(1) }};
{% endif %}

	displayName = {{ credential.displayName | quote }};

	icon: Icon = {{ credential.icon | ts(1) }};

	documentationUrl = {{ credential.documentationUrl | quote }};

	properties: INodeProperties[] = {{ credential.properties | ts(1) }};
{% if credential.authenticate %}

	authenticate: IAuthenticateGeneric = {{ credential.authenticate | ts(1) }};
{% endif %}

	test: ICredentialTestRequest = {{ credential.test | ts(1) }};
}
