import type { INodeProperties } from 'n8n-workflow';

export const memberUpdateDescription: INodeProperties[] = [
	{
		displayName: 'Subscriber Hash',
		name: 'memberId',
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
					searchListMethod: 'searchMembers',
					searchable: true,
				},
			},
			{
				displayName: 'By Subscriber Hash',
				name: 'id',
				type: 'string',
			},
		],
		routing: {
			request: {
				url: '=/lists/{{ encodeURIComponent($credentials.listId) }}/members/{{ encodeURIComponent($value) }}',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['member'],
				operation: ['update'],
			},
		},
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		displayOptions: {
			show: {
				resource: ['member'],
				operation: ['update'],
			},
		},
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: {
			show: {
				resource: ['member'],
				operation: ['update'],
			},
		},
		options: [
			{
				displayName: 'Email Type',
				name: 'emailType',
				type: 'options',
				options: [
					{
						name: 'HTML',
						value: 'html',
					},
					{
						name: 'Plain Text',
						value: 'text',
					},
				],
				default: 'html',
				routing: {
					send: {
						type: 'body',
						property: 'email_type',
					},
				},
			},
			{
				displayName: 'Merge Fields',
				name: 'mergeFields',
				type: 'fixedCollection',
				typeOptions: {
					multipleValues: true,
				},
				placeholder: 'Add Entry',
				default: {},
				options: [
					{
						displayName: 'Entry',
						name: 'entry',
						values: [
							{
								displayName: 'Key',
								name: 'key',
								type: 'string',
								default: '',
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								default: '',
							},
						],
					},
				],
				description: 'Values of the audience\'s merge fields by tag, such as FNAME and LNAME',
				routing: {
					send: {
						type: 'body',
						property: 'merge_fields',
						value: '={{ ($value.entry || []).filter((e) => e.key !== \'\').reduce((o, e) => Object.assign(o, { [e.key]: e.value }), {}) }}',
					},
				},
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{
						name: 'Archived',
						value: 'archived',
					},
					{
						name: 'Cleaned',
						value: 'cleaned',
					},
					{
						name: 'Pending',
						value: 'pending',
					},
					{
						name: 'Subscribed',
						value: 'subscribed',
					},
					{
						name: 'Transactional',
						value: 'transactional',
					},
					{
						name: 'Unsubscribed',
						value: 'unsubscribed',
					},
				],
				default: 'archived',
				routing: {
					send: {
						type: 'body',
						property: 'status',
					},
				},
			},
		],
	},
];
