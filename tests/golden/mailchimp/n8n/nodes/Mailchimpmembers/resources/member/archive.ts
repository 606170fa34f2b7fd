import type { INodeProperties } from 'n8n-workflow';

export const memberArchiveDescription: INodeProperties[] = [
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
			output: {
				postReceive: [
					{
						type: 'set',
						properties: {
							value: '={{ { "id": $value, "deleted": true } }}',
						},
					},
				],
			},
		},
		required: true,
		displayOptions: {
			show: {
				resource: ['member'],
				operation: ['archive'],
			},
		},
	},
];
