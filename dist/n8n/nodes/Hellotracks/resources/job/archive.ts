import type { INodeProperties } from 'n8n-workflow';

export const jobArchiveDescription: INodeProperties[] = [
	{
		displayName: 'Job ID',
		name: 'id',
		description: 'The Hellotracks ID of the job',
		type: 'resourceLocator',
		default: {
			mode: 'list',
			value: '',
		},
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod: 'searchJobs',
					searchable: true,
				},
			},
			{
				displayName: 'By Job ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 69fdc0f846455e452430b4b5',
			},
		],
		routing: {
			request: {
				url: '=/jobs/{{ encodeURIComponent($value) }}/archive',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['archiveJob'],
			},
		},
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		displayOptions: {
			show: {
				resource: ['job'],
				operation: ['archiveJob'],
			},
		},
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
];
