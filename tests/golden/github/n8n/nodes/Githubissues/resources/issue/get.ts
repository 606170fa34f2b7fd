import type { INodeProperties } from 'n8n-workflow';

export const issueGetDescription: INodeProperties[] = [
	{
		displayName: 'Owner',
		name: 'owner',
		type: 'string',
		default: '',
		placeholder: 'e.g. octo-org',
		description: 'The account that owns the repository, a user or an organization (octo-org in octo-org/hello-world)',
		routing: {
			request: {
				url: '=/repos/{{ encodeURIComponent($value) }}/{{ encodeURIComponent($parameter[\'repo\']) }}/issues/{{ encodeURIComponent($parameter[\'issueNumber\']) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['get'],
			},
		},
	},
	{
		displayName: 'Repository',
		name: 'repo',
		type: 'string',
		default: '',
		placeholder: 'e.g. hello-world',
		description: 'The repository\'s name (hello-world in octo-org/hello-world)',
		routing: {
			request: {
				url: '=/repos/{{ encodeURIComponent($parameter[\'owner\']) }}/{{ encodeURIComponent($value) }}/issues/{{ encodeURIComponent($parameter[\'issueNumber\']) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['get'],
			},
		},
	},
	{
		displayName: 'Issue Number',
		name: 'issueNumber',
		type: 'number',
		typeOptions: {
			numberPrecision: 0,
		},
		default: 0,
		description: 'The issue\'s number in its repository',
		routing: {
			request: {
				url: '=/repos/{{ encodeURIComponent($parameter[\'owner\']) }}/{{ encodeURIComponent($parameter[\'repo\']) }}/issues/{{ encodeURIComponent($value) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['get'],
			},
		},
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['get'],
			},
		},
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
];
