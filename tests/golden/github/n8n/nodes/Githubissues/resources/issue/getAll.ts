import type { INodeProperties } from 'n8n-workflow';
import { asDateTime } from '../../shared/routing';

export const issueGetAllDescription: INodeProperties[] = [
	{
		displayName: 'Owner',
		name: 'owner',
		type: 'string',
		default: '',
		placeholder: 'e.g. octo-org',
		description: 'The account that owns the repository, a user or an organization (octo-org in octo-org/hello-world)',
		routing: {
			request: {
				url: '=/repos/{{ encodeURIComponent($value) }}/{{ encodeURIComponent($parameter[\'repo\']) }}/issues',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['getAll'],
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
				url: '=/repos/{{ encodeURIComponent($parameter[\'owner\']) }}/{{ encodeURIComponent($value) }}/issues',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['getAll'],
			},
		},
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['getAll'],
			},
		},
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['getAll'],
				returnAll: [false],
			},
		},
		typeOptions: {
			minValue: 1,
		},
		default: 50,
		description: 'Max number of results to return',
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['getAll'],
			},
		},
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: {
			show: {
				resource: ['issue'],
				operation: ['getAll'],
			},
		},
		options: [
			{
				displayName: 'Creator',
				name: 'creator',
				type: 'string',
				default: '',
				description: 'The login of the issue\'s author',
				routing: {
					send: {
						type: 'query',
						property: 'creator',
					},
				},
			},
			{
				displayName: 'Labels',
				name: 'labels',
				type: 'string',
				default: '',
				description: 'Label names, comma-separated; an issue must carry every one',
				routing: {
					send: {
						type: 'query',
						property: 'labels',
					},
				},
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				options: [
					{
						name: 'All',
						value: 'all',
					},
					{
						name: 'Closed',
						value: 'closed',
					},
					{
						name: 'Open',
						value: 'open',
					},
				],
				default: 'all',
				description: 'Open (the default), closed or all',
				routing: {
					send: {
						type: 'query',
						property: 'state',
					},
				},
			},
			{
				displayName: 'Updated Since',
				name: 'since',
				type: 'dateTime',
				default: '',
				description: 'Only issues updated at or after this time',
				routing: {
					send: {
						type: 'query',
						property: 'since',
						preSend: [asDateTime('query', 'since', 'iso8601', 'Updated Since must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z) or a date (YYYY-MM-DD).')],
					},
				},
			},
		],
	},
];
