import type { INodeProperties } from 'n8n-workflow';

export const memberCreateDescription: INodeProperties[] = [
	{
		displayName: 'Email Address',
		name: 'emailAddress',
		type: 'string',
		default: '',
		placeholder: 'name@email.com',
		routing: {
			send: {
				type: 'body',
				property: 'email_address',
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['member'],
				operation: ['create'],
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
		required: true,
		displayOptions: {
			show: {
				resource: ['member'],
				operation: ['create'],
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
				operation: ['create'],
			},
		},
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: {
			show: {
				resource: ['member'],
				operation: ['create'],
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
		],
	},
];
